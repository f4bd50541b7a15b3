package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The Corrections page in headless Chromium: after Ann's haircut (25.00) and colouring (45.00) are invoiced, the
 * haircut is repriced to 30.00 and the colouring cancelled in Bookings; a viewer sees both corrections without
 * buttons; an operator credits the haircut (it is back on the list at 30.00) and accepts the colouring, and the
 * page has no open correction left.
 */
@InvoicingServiceTest
class CorrectionsPageBrowserTest {

    private static final Instant MARCH = Instant.parse("2026-03-02T09:00:00Z");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-corrections-page");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorCreditsOneCorrectionAndAcceptsTheOther() {
        Chromium.assumeInstalled();
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        producer.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer("salon", "c1"), new CustomerRegistered("reg-c1",
                MARCH, "salon", "c1", "C00010", "Ann Smith", "c1@example.com", "BOOKINGS", true, null, null, null))
                .join();
        for (String[] s : new String[][] { { "s-cut", "I-CUT" }, { "s-colour", "I-COLOUR" } }) {
            producer.send(Topics.ITEM_REGISTRATIONS, Keys.service("salon", s[0]), new ItemRegistered("item-" + s[0],
                    MARCH, "salon", s[0], s[1], s[0], null, "HOUR", "SERVICES", null, null, null)).join();
        }
        producer.send(Topics.APPOINTMENTS, Keys.appointment("salon", "a1"), appointment("a1", "s-cut", "Haircut", "r1",
                "25.00", MARCH.plus(Duration.ofHours(2)))).join();
        producer.send(Topics.APPOINTMENTS, Keys.appointment("salon", "a2"), appointment("a2", "s-colour", "Colouring",
                "r1", "45.00", MARCH.plus(Duration.ofHours(2)))).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById("salon/a1/c1", BookingRow.class) != null
                && mongo.findById("salon/a2/c1", BookingRow.class) != null
                && mongo.findById("salon/a2/c1", BookingRow.class).amount() != null);
        producer.send(Topics.INVOICING_COMMANDS, "page-inv", InvoiceBookings.newBuilder().setCommandId("page-inv")
                .setIssuedAt(MARCH).setIssuedBy("test").setScope(InvoiceScope.ALL).setBookingIds(List.of())
                .build()).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.findById("salon/a1/c1", BookingRow.class) == null
                && mongo.findById("salon/a2/c1", BookingRow.class) == null);
        Instant later = MARCH.plus(Duration.ofHours(5));
        producer.send(Topics.APPOINTMENTS, Keys.appointment("salon", "a1"), appointment("a1", "s-cut", "Haircut", "r2",
                "30.00", later)).join();
        producer.send(Topics.APPOINTMENTS, Keys.appointment("salon", "a2"), new AppointmentCancelled("cancel-a2", later,
                "salon", "a2")).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> mongo.getCollection("corrections").countDocuments() == 2);

        // a viewer sees both corrections, with what was invoiced and what it is now, and no buttons
        browser = OperatorPage.signIn(url(""), "viewer", "viewer");
        browser.findElement(By.linkText("Corrections")).click();
        assertThat(OperatorPage.text(browser, "h1")).isEqualTo("Corrections");
        assertThat(OperatorPage.text(browser, "#corrections tbody")).contains("salon/a1/c1", "Changed", "25.00",
                "30.00", "salon/a2/c1", "Cancelled", "45.00");
        assertThat(browser.findElements(By.cssSelector("#corrections button"))).isEmpty();
        browser.quit();

        // an operator credits the haircut: it is back on the list at its new price
        browser = OperatorPage.signIn(url(""), "operator", "operator");
        browser.get(url("/corrections"));
        browser.findElement(By.xpath("//tr[contains(., 'salon/a1/c1')]//button[text()='Credit']")).click();
        browser.switchTo().alert().accept();
        assertThat(OperatorPage.awaitResult(browser).getText()).doesNotContain("rejected");
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("salon/a1/c1", BookingRow.class) != null);
        assertThat(mongo.findById("salon/a1/c1", BookingRow.class).amount()).isEqualByComparingTo("30.00");

        // and accepts the colouring: no open correction is left, the colouring stays invoiced
        browser.get(url("/corrections"));
        assertThat(OperatorPage.text(browser, "#corrections tbody")).doesNotContain("salon/a1/c1");
        browser.findElement(By.xpath("//tr[contains(., 'salon/a2/c1')]//button[text()='Accept']")).click();
        assertThat(OperatorPage.awaitResult(browser).getText()).doesNotContain("rejected");
        browser.get(url("/corrections"));
        assertThat(OperatorPage.text(browser, "#corrections tbody")).contains("No open corrections.");
        assertThat(mongo.findById("salon/a2/c1", BookingRow.class)).isNull();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static AppointmentCompleted appointment(String id, String serviceId, String serviceName, String revision,
            String price, Instant occurredAt) {
        return AppointmentCompleted.newBuilder().setEventId("appt-" + id + revision).setOccurredAt(occurredAt)
                .setBusinessId("salon").setAppointmentId(id).setRevision(revision).setServiceId(serviceId)
                .setServiceName(serviceName).setStart(MARCH).setEnd(MARCH.plus(Duration.ofMinutes(30)))
                .setPriceType(PriceType.fixedPrice).setPrice(new BigDecimal(price)).setCurrency("EUR")
                .setAttendees(List.of(new Attendee("c1", "Ann Smith", "c1@example.com", null))).build();
    }
}
