package dev.bookingsinvoicing.invoicing.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.ExportOperation;
import dev.bookingsinvoicing.events.InvoiceExportFailed;
import dev.bookingsinvoicing.events.InvoiceExported;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.web.OperatorSession;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.serde.AvroSerializer;

/**
 * The draft invoices page shows what the Business Central connector announced for each draft on
 * {@code business-central.exports}: Business Central's number and status, or its refusal.
 *
 * <p>Given one customer with two bookings, each invoiced by its own command; then Business Central's connector
 * announces the first draft exported (S-INV100042, Draft) and the second refused (the customer is blocked).
 */
@InvoicingServiceTest
@TestPropertySource(properties = {
        "bookings.security.users[0].name=viewer",
        "bookings.security.users[0].password={noop}viewer",
        "bookings.security.users[0].roles=VIEWER" })
class BusinessCentralExportStatusIntegrationTest {

    private static final Instant MARCH = Instant.parse("2026-03-02T09:00:00Z");
    private static final String REFUSAL = "You cannot create this type of document when Customer C00100 is blocked "
            + "with type Invoice";

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-bc-exports");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    @Test
    void eachDraftShowsItsBusinessCentralNumberOrItsRefusal() throws Exception {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        producer.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer("salon", "c1"), new CustomerRegistered("reg-1",
                MARCH, "salon", "c1", "C00100", "Ann Smith", "ann@example.com", "BOOKINGS", true, null, null, null))
                .join();
        producer.send(Topics.ITEM_REGISTRATIONS, Keys.service("salon", "s1"), new ItemRegistered("item-1", MARCH,
                "salon", "s1", "SVC0010", "Session", null, "HOUR", "SERVICES", null, null, null)).join();
        appointment(producer, "a1");
        appointment(producer, "a2");
        // the bookings are in the view before they are invoiced (a command sent earlier would find nothing ready)
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("salon/a1/c1", "salon/a2/c1").stream()
                .allMatch(id -> mongo.findById(id, BookingRow.class) != null));
        producer.send(Topics.INVOICING_COMMANDS, "cmd-1", invoice("cmd-1", "salon/a1/c1")).join();
        producer.send(Topics.INVOICING_COMMANDS, "cmd-2", invoice("cmd-2", "salon/a2/c1")).join();
        String exported = await().atMost(Duration.ofSeconds(60)).until(() -> invoiceOf("cmd-1"), id -> id != null);
        String refused = await().atMost(Duration.ofSeconds(60)).until(() -> invoiceOf("cmd-2"), id -> id != null);
        OperatorSession viewer = OperatorSession.signIn("http://localhost:" + port, "viewer", "viewer");
        assertThat(status(viewer.get("/draft-invoices"), exported)).isEqualTo("-");

        producer.send(Topics.BUSINESS_CENTRAL_EXPORTS, exported, InvoiceExported.newBuilder().setEventId("e-1")
                .setOccurredAt(MARCH).setInvoiceId(exported).setCustomerNo("C00100")
                .setBusinessCentralId("7c1d0000-0000-0000-0000-000000000001").setBusinessCentralNumber("S-INV100042")
                .setBusinessCentralStatus("Draft").setCompanyId("company").setAlreadyThere(false).build()).join();
        producer.send(Topics.BUSINESS_CENTRAL_EXPORTS, refused, InvoiceExportFailed.newBuilder().setEventId("e-2")
                .setOccurredAt(MARCH).setInvoiceId(refused).setCustomerNo("C00100")
                .setOperation(ExportOperation.EXPORT).setReason(REFUSAL).setErrorCode("Application_DialogException")
                .setHttpStatus(400).setParked(true).build()).join();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String page = viewer.get("/draft-invoices");
            assertThat(status(page, exported)).isEqualTo("S-INV100042 (Draft)");
            assertThat(status(page, refused)).isEqualTo("refused, parked: " + REFUSAL);
        });
    }

    /** The Business Central cell of the invoice's row. */
    private static String status(String page, String invoiceId) {
        return HtmlUtils.htmlUnescape(OperatorSession.first(page, "(?s)>" + invoiceId
                + "</a></td>.*?<td class=\"bc-export[^\"]*\">(.*?)</td>")).strip();
    }

    private String invoiceOf(String commandId) {
        DraftInvoice invoice = mongo.findOne(Query.query(Criteria.where("commandId").is(commandId)),
                DraftInvoice.class);
        return invoice == null ? null : invoice.id();
    }

    private static InvoiceBookings invoice(String commandId, String bookingId) {
        return InvoiceBookings.newBuilder().setCommandId(commandId).setIssuedAt(MARCH).setIssuedBy("ops")
                .setScope(InvoiceScope.SELECTED).setBookingIds(List.of(bookingId)).build();
    }

    private static void appointment(KafkaTemplate<String, SpecificRecord> producer, String id) {
        Instant start = MARCH.plus(Duration.ofDays(id.charAt(1) - '0'));
        producer.send(Topics.APPOINTMENTS, Keys.appointment("salon", id), AppointmentCompleted.newBuilder()
                .setEventId("appt-" + id).setOccurredAt(start.plus(Duration.ofHours(2))).setBusinessId("salon")
                .setAppointmentId(id).setRevision("r1").setServiceId("s1").setServiceName("Session").setStart(start)
                .setEnd(start.plus(Duration.ofMinutes(60))).setPriceType(PriceType.fixedPrice)
                .setPrice(new BigDecimal("25.00")).setCurrency("EUR")
                .setAttendees(List.of(new Attendee("c1", "Ann Smith", "ann@example.com", null))).build()).join();
    }
}
