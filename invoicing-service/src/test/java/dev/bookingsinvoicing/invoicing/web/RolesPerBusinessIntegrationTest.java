package dev.bookingsinvoicing.invoicing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.json.JsonMapper;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.command.CommandResult;
import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Roles per business: users limited to some Bookings businesses see and act on those businesses' data only, on the
 * dashboard API and on the operator page (in Debian's headless Chromium), against the real service, an embedded
 * Kafka broker and the embedded MongoDB server.
 *
 * <p>Given four businesses (salon, gym, clinic, spa) and one customer, C00100, booked in all of them; an
 * unrestricted operator ({@code ops}, from the CLI) has invoiced one salon booking alone and one salon booking
 * together with a gym booking (one draft invoice with lines of two businesses); {@code salon-viewer} may see the
 * salon, {@code north} may run the clinic and the spa.
 */
@InvoicingServiceTest
@TestPropertySource(properties = {
        "bookings.security.users[0].name=operator",
        "bookings.security.users[0].password={noop}operator",
        "bookings.security.users[0].roles=OPERATOR",
        "bookings.security.users[1].name=salon-viewer",
        "bookings.security.users[1].password={noop}salon",
        "bookings.security.users[1].roles=VIEWER",
        "bookings.security.users[1].businesses=salon",
        "bookings.security.users[2].name=north",
        "bookings.security.users[2].password={noop}north",
        "bookings.security.users[2].roles=OPERATOR",
        "bookings.security.users[2].businesses=clinic,spa" })
class RolesPerBusinessIntegrationTest {

    private static final Instant MARCH = Instant.parse("2026-03-02T09:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-roles");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private WebDriver browser;

    /** Seeded once for the class (one Spring context); the tests touch disjoint bookings. */
    private static boolean seeded;

    @BeforeEach
    void seedFourBusinesses() {
        if (seeded) {
            return;
        }
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        for (String business : List.of("salon", "gym", "clinic", "spa")) {
            producer.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer(business, "c1"), new CustomerRegistered(
                    "reg-" + business, MARCH, business, "c1", "C00100", "Ann Smith", "ann@example.com", "BOOKINGS",
                    true, null, null, null)).join();
            producer.send(Topics.ITEM_REGISTRATIONS, Keys.service(business, "s1"), new ItemRegistered(
                    "item-" + business, MARCH, business, "s1", "I-" + business.toUpperCase(), "Session", null, "HOUR",
                    "SERVICES", null, null, null)).join();
        }
        appointment(producer, "salon", "a1", "c1", "25.00");
        appointment(producer, "salon", "a2", "c9", "25.00"); // c9 is never registered: never invoiced
        appointment(producer, "salon", "a3", "c1", "30.00");
        appointment(producer, "gym", "g1", "c1", "40.00");
        appointment(producer, "gym", "g2", "c9", "40.00"); // never invoiced either
        appointment(producer, "clinic", "k1", "c1", "60.00");
        appointment(producer, "spa", "p1", "c1", "70.00");
        await().atMost(OperatorPage.RESULT_TIMEOUT).until(() -> List.of("salon/a1/c1", "salon/a2/c9", "salon/a3/c1",
                "gym/g1/c1", "gym/g2/c9", "clinic/k1/c1", "spa/p1/c1").stream()
                .allMatch(id -> mongo.findById(id, BookingRow.class) != null));

        // ops (every business) invoices a salon booking alone, and a salon and a gym booking together
        producer.send(Topics.INVOICING_COMMANDS, "ops-salon", selected("ops-salon", "salon/a3/c1")).join();
        producer.send(Topics.INVOICING_COMMANDS, "ops-mixed", selected("ops-mixed", "salon/a1/c1", "gym/g1/c1"))
                .join();
        await().atMost(OperatorPage.RESULT_TIMEOUT).until(() -> mongo.findById("ops-salon", CommandResult.class) != null
                && mongo.findById("ops-mixed", CommandResult.class) != null);
        seeded = true;
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardApiAnswersEachUserWithTheirBusinessesOnly() throws Exception {
        String salonInvoice = invoiceOf("ops-salon");
        String mixedInvoice = invoiceOf("ops-mixed");

        // the same query, first by a user who sees everything (so a cached answer would leak), then by salon-viewer
        assertThat(ids(getJson("/api/bookings-not-invoiced?size=1000", "operator:operator")))
                .contains("salon/a2/c9", "gym/g2/c9");
        assertThat(ids(getJson("/api/bookings-not-invoiced?size=1000", "salon-viewer:salon")))
                .containsExactly("salon/a2/c9");
        assertThat(getJson("/api/bookings-not-invoiced/totals?groupBy=status", "salon-viewer:salon"))
                .containsEntry("bookings", 1);

        // naming another business is refused, as a problem detail that says why
        HttpResponse<String> foreign = get("/api/bookings-not-invoiced?businessId=gym", "salon-viewer:salon");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(foreign.body()).contains("may not see or act on business gym");
        assertThat(get("/api/bookings-not-invoiced/totals?groupBy=customer&businessId=gym", "salon-viewer:salon")
                .statusCode()).isEqualTo(403);

        // draft invoices: the salon-only one, not the one with a gym line (not even by its id)
        assertThat(ids(getJson("/api/draft-invoices?size=1000", "operator:operator")))
                .contains(salonInvoice, mixedInvoice);
        assertThat(ids(getJson("/api/draft-invoices?size=1000", "salon-viewer:salon"))).containsExactly(salonInvoice);
        assertThat(get("/api/draft-invoices/" + mixedInvoice, "salon-viewer:salon").statusCode()).isEqualTo(404);
        assertThat(get("/api/draft-invoices/" + salonInvoice, "salon-viewer:salon").statusCode()).isEqualTo(200);

        // command history: the command that named the salon only, not the one that named the gym too
        assertThat(ids(getJson("/api/commands?size=1000", "salon-viewer:salon"))).containsExactly("ops-salon");
        assertThat(get("/api/commands/ops-mixed", "salon-viewer:salon").statusCode()).isEqualTo(404);
        assertThat(get("/api/commands/ops-mixed", "operator:operator").statusCode()).isEqualTo(200);

        // and the API's own refusals are problem details too
        HttpResponse<String> anonymous = get("/api/bookings-not-invoiced", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.body()).contains("credentials (HTTP Basic)");
    }

    @Test
    void thePageShowsAndInvoicesOnlyTheBusinessesOfItsUser() {
        String salonInvoice = invoiceOf("ops-salon");
        signIn("north", "north");

        // the list and the business suggestions hold the clinic and the spa only
        assertThat(rowIds()).containsExactly("clinic/k1/c1", "spa/p1/c1");
        assertThat(browser.findElements(By.cssSelector("#businesses option"))).extracting(o -> o.getAttribute("value"))
                .containsExactly("clinic", "spa");

        // a hand-built action naming a salon booking is refused before anything is sent
        long actionsBefore = mongo.count(new Query(), OperatorAction.class);
        ((JavascriptExecutor) browser).executeScript("""
                var token = document.querySelector('input[name=_csrf]').value;
                var form = document.createElement('form');
                form.method = 'post';
                form.action = '/bookings/actions';
                [['_csrf', token], ['action', 'mark-invoiced'], ['bookingIds', 'salon/a2/c9'], ['reason', 'x']]
                    .forEach(function (p) {
                  var input = document.createElement('input');
                  input.type = 'hidden'; input.name = p[0]; input.value = p[1];
                  form.appendChild(input);
                });
                document.body.appendChild(form);
                form.submit();""");
        assertThat(text("#action-error")).contains("may not see or act on business salon");
        assertThat(mongo.count(new Query(), OperatorAction.class)).isEqualTo(actionsBefore);
        assertThat(mongo.findById("salon/a2/c9", BookingRow.class)).isNotNull();

        // "Invoice all" sends one command per business of the user: Ann gets a clinic and a spa invoice
        browser.findElement(By.id("invoice-all")).click();
        assertThat(OperatorPage.awaitPreview(browser).getText())
                .contains("2 draft invoices would be created for 2 bookings");
        assertThat(text("h1")).contains("Preview", "your businesses");
        browser.findElement(By.id("confirm-invoices")).click();
        assertThat(awaitResult().getText()).contains("2 invoices created", "2 bookings invoiced");
        assertThat(browser.findElements(By.cssSelector("#created-invoices tbody tr"))).extracting(WebElement::getText)
                .anySatisfy(invoice -> assertThat(invoice).contains("60.00"))
                .anySatisfy(invoice -> assertThat(invoice).contains("70.00"));
        List<CommandResult> sent = mongo.find(Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("issuedBy").is("north").and("preview").is(false)), CommandResult.class);
        assertThat(sent).extracting(CommandResult::businessIds)
                .containsExactlyInAnyOrder(List.of("clinic"), List.of("spa"));
        // the salon and the gym are untouched
        assertThat(mongo.findById("salon/a2/c9", BookingRow.class)).isNotNull();
        assertThat(mongo.findById("gym/g2/c9", BookingRow.class)).isNotNull();

        // draft invoices and command history: north's own, not ops's
        browser.get(url("/draft-invoices"));
        assertThat(text("main")).doesNotContain(salonInvoice);
        assertThat(browser.findElements(By.cssSelector("tbody tr"))).hasSize(2);
        browser.get(url("/commands"));
        assertThat(text("#commands")).doesNotContain("ops-salon", "ops-mixed", "salon/");
        // (the two previews and the two commands that confirmed them)
        assertThat(browser.findElements(By.cssSelector("#commands tbody tr"))).hasSize(4);

        // and another business's pages answer as if they did not exist (or, for a filter, refuse)
        browser.get(url("/draft-invoices/" + salonInvoice));
        assertThat(browser.getPageSource()).contains("404").doesNotContain("Ann Smith");
        browser.get(url("/commands/ops-salon"));
        assertThat(browser.getPageSource()).contains("404");
        browser.get(url("/bookings?businessId=salon"));
        assertThat(browser.getPageSource()).contains("403").doesNotContain("salon/a2/c9");
    }

    private String invoiceOf(String commandId) {
        DraftInvoice invoice = mongo.findOne(Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("commandId").is(commandId)), DraftInvoice.class);
        assertThat(invoice).as("the draft invoice of " + commandId).isNotNull();
        return invoice.id();
    }

    private static InvoiceBookings selected(String commandId, String... bookingIds) {
        return InvoiceBookings.newBuilder().setCommandId(commandId).setIssuedAt(MARCH).setIssuedBy("ops")
                .setScope(InvoiceScope.SELECTED).setBookingIds(List.of(bookingIds)).build();
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> getJson(String path, String credentials) throws Exception {
        HttpResponse<String> response = get(path, credentials);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("content")).stream().map(r -> r.get("id")).toList();
    }

    private void signIn(String user, String password) {
        browser = OperatorPage.signIn(url(""), user, password);
    }

    private List<String> rowIds() {
        return OperatorPage.rowIds(browser);
    }

    private WebElement awaitResult() {
        return OperatorPage.awaitResult(browser);
    }

    private String text(String css) {
        return OperatorPage.text(browser, css);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void appointment(KafkaTemplate<String, SpecificRecord> producer, String business, String id,
            String customerId, String price) {
        Instant start = MARCH.plus(Duration.ofDays(id.charAt(1) - '0'));
        producer.send(Topics.APPOINTMENTS, Keys.appointment(business, id), AppointmentCompleted.newBuilder()
                .setEventId("appt-" + business + "-" + id).setOccurredAt(start.plus(Duration.ofHours(2)))
                .setBusinessId(business).setAppointmentId(id).setRevision("r1")
                .setServiceId("s1").setServiceName("Session")
                .setStart(start).setEnd(start.plus(Duration.ofMinutes(60)))
                .setPriceType(PriceType.fixedPrice).setPrice(new BigDecimal(price)).setCurrency("EUR")
                .setAttendees(List.of(new Attendee(customerId, "Ann Smith", customerId + "@example.com", null)))
                .build()).join();
    }
}
