package dev.bookingsinvoicing.invoicing.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.bookingsinvoicing.commands.DeleteDraftInvoice;
import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.commands.ResolveCorrection;
import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.CreditNoteLine;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoicedBookingChanged;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.EmbeddedMongo;
import dev.bookingsinvoicing.invoicing.InvoicingServiceTest;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Corrections after invoicing, on the real embedded broker and MongoDB wire-protocol server: a cancelled and a
 * repriced invoiced booking are published as InvoicedBookingChanged and listed until resolved; crediting makes one
 * DraftCreditNoteCreated with the invoiced line negated, however often the appointment event and the command come;
 * a credited booking that is still billable is back in the view at its new price, a cancelled one is not; accepting
 * creates no credit note; deleting the draft resolves its open corrections. Expected amounts are worked out here by
 * hand (fixed price = 1 x price; hourly = minutes x price / 60).
 */
@InvoicingServiceTest
class CorrectionsIntegrationTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-corrections");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @LocalServerPort
    int port;

    @Test
    void cancelledAndRepricedBookingsAreCreditedOnceAndTheRepricedOneComesBackAtItsNewPrice() {
        KafkaTemplate<String, SpecificRecord> producer = producer();
        RestClient rest = rest();
        String salon = "corr-salon";
        register(producer, salon, "c1", "C10010", "s-cut", "I-CUT");
        register(producer, salon, "c2", "C10020", "s-cut", "I-CUT");
        AppointmentCompleted a1 = appointment(salon, "a1", "r1", "s-cut", "Haircut", 30, PriceType.fixedPrice, "10.00",
                "c1");
        AppointmentCompleted a2 = appointment(salon, "a2", "r1", "s-cut", "Haircut", 30, PriceType.fixedPrice, "10.00",
                "c2");
        send(producer, Topics.APPOINTMENTS, Keys.appointment(salon, "a1"), a1);
        send(producer, Topics.APPOINTMENTS, Keys.appointment(salon, "a2"), a2);
        awaitReady(salon + "/a1/c1", salon + "/a2/c2");

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            invoiceAll(producer, salon, "corr-inv-1");
            Map<String, DraftInvoiceCreated> invoiceOf = of(invoices, DraftInvoiceCreated.class,
                    i -> i.getCommandId().equals("corr-inv-1"), 2).stream()
                    .collect(Collectors.toMap(DraftInvoiceCreated::getCustomerNo, i -> i, (x, y) -> x));
            answersTo("corr-inv-1", results, 1);

            // When: a1 is cancelled in Bookings and a2 repriced to 12.00, each event delivered twice
            AppointmentCancelled cancelled = new AppointmentCancelled("cancel-a1", MONDAY.plus(Duration.ofHours(5)),
                    salon, "a1");
            send(producer, Topics.APPOINTMENTS, Keys.appointment(salon, "a1"), cancelled);
            send(producer, Topics.APPOINTMENTS, Keys.appointment(salon, "a1"), cancelled);
            AppointmentCompleted repriced = appointment(salon, "a2", "r2", "s-cut", "Haircut", 30,
                    PriceType.fixedPrice, "12.00", "c2");
            repriced.setOccurredAt(MONDAY.plus(Duration.ofHours(5)));
            send(producer, Topics.APPOINTMENTS, Keys.appointment(salon, "a2"), repriced);
            send(producer, Topics.APPOINTMENTS, Keys.appointment(salon, "a2"), repriced);

            // Then: one correction each, listed as open and published
            List<Map<String, Object>> open = awaitOpen(rest, salon, 2);
            Map<String, Map<String, Object>> byBooking = open.stream()
                    .collect(Collectors.toMap(c -> (String) c.get("bookingId"), c -> c));
            assertThat(byBooking.get(salon + "/a1/c1")).containsEntry("kind", "CANCELLED")
                    .containsEntry("invoiceId", invoiceOf.get("C10010").getInvoiceId()).containsEntry("now", null);
            assertThat(byBooking.get(salon + "/a2/c2")).containsEntry("kind", "CHANGED");
            List<InvoicedBookingChanged> changes = of(invoices, InvoicedBookingChanged.class,
                    c -> c.getBusinessId().equals(salon), 2);
            InvoicedBookingChanged price = changes.stream()
                    .filter(c -> c.getBookingId().equals(salon + "/a2/c2")).findFirst().orElseThrow();
            assertThat(price.getInvoiceId()).isEqualTo(invoiceOf.get("C10020").getInvoiceId());
            assertThat(price.getInvoicedLine().getAmount()).isEqualByComparingTo("10.00");
            assertThat(price.getCurrentLine().getAmount()).isEqualByComparingTo("12.00");
            assertThat(price.getCurrentLine().getUnitPrice()).isEqualByComparingTo("12.00");
            InvoicedBookingChanged cancellation = changes.stream()
                    .filter(c -> c.getBookingId().equals(salon + "/a1/c1")).findFirst().orElseThrow();
            assertThat(cancellation.getKind()).isEqualTo("CANCELLED");
            assertThat(cancellation.getCurrentLine()).isNull();
            assertThat(distinct(invoices, InvoicedBookingChanged.class, InvoicedBookingChanged::getCorrectionId,
                    c -> c.getBusinessId().equals(salon))).hasSize(2);

            // When: both are credited, the first command delivered twice
            String cancelId = cancellation.getCorrectionId();
            String priceId = price.getCorrectionId();
            resolve(producer, "corr-res-1", cancelId, "CREDIT");
            resolve(producer, "corr-res-1", cancelId, "CREDIT");
            resolve(producer, "corr-res-2", priceId, "CREDIT");

            // Then: one credit note each, the invoiced line negated
            List<DraftCreditNoteCreated> notes = of(invoices, DraftCreditNoteCreated.class,
                    n -> n.getCustomerNo().startsWith("C100"), 3);
            DraftCreditNoteCreated forCancel = notes.stream().filter(n -> n.getCorrectionId().equals(cancelId))
                    .findFirst().orElseThrow();
            assertThat(forCancel.getOriginalInvoiceId()).isEqualTo(invoiceOf.get("C10010").getInvoiceId());
            assertThat(forCancel.getLines()).hasSize(1);
            CreditNoteLine line = forCancel.getLines().get(0);
            assertThat(line.getBookingId()).isEqualTo(salon + "/a1/c1");
            assertThat(line.getItemNo()).isEqualTo("I-CUT");
            assertThat(line.getQuantity()).isEqualTo(new BigDecimal("-1.00000"));
            assertThat(line.getUnitPrice()).isEqualTo(new BigDecimal("10.00000"));
            assertThat(line.getAmount()).isEqualTo(new BigDecimal("-10.00000"));
            assertThat(forCancel.getTotalAmount()).isEqualTo(new BigDecimal("-10.00000"));
            assertThat(notes).allSatisfy(n -> assertThat(n).isEqualTo(
                    n.getCorrectionId().equals(cancelId) ? forCancel : n));
            assertThat(notes.stream().map(DraftCreditNoteCreated::getCreditNoteId).distinct()).hasSize(2);
            List<Object> first = answersTo("corr-res-1", results, 2);
            assertThat(first.get(0)).isInstanceOf(CommandCompleted.class).isEqualTo(first.get(1));

            // and the repriced booking is back in the view at 12.00, the cancelled one is not
            await().atMost(Duration.ofSeconds(30)).until(() -> row(salon + "/a2/c2") != null);
            assertThat(row(salon + "/a2/c2").status()).isEqualTo(BookingStatus.READY);
            assertThat(row(salon + "/a2/c2").amount()).isEqualByComparingTo("12.00");
            assertThat(row(salon + "/a1/c1")).isNull();
            assertThat(awaitOpen(rest, salon, 0)).isEmpty();

            // When: another command credits the credited correction again; Then: refused, no further credit note
            resolve(producer, "corr-res-again", priceId, "CREDIT");
            CommandRejected again = (CommandRejected) answersTo("corr-res-again", results, 1).get(0);
            assertThat(again.getReason()).contains("already credited by command corr-res-2");
            assertThat(distinct(invoices, DraftCreditNoteCreated.class, DraftCreditNoteCreated::getCreditNoteId,
                    n -> n.getCustomerNo().startsWith("C100"))).hasSize(2);
        }
    }

    @Test
    void acceptingCreatesNoCreditNoteAndDeletingTheDraftResolvesItsOpenCorrection() {
        KafkaTemplate<String, SpecificRecord> producer = producer();
        RestClient rest = rest();
        String spa = "corr-spa";
        register(producer, spa, "c3", "C20030", "s-yoga", "I-YOGA");
        register(producer, spa, "c4", "C20040", "s-yoga", "I-YOGA");
        send(producer, Topics.APPOINTMENTS, Keys.appointment(spa, "a3"), appointment(spa, "a3", "r1", "s-yoga",
                "Yoga", 60, PriceType.hourly, "40.00", "c3"));
        send(producer, Topics.APPOINTMENTS, Keys.appointment(spa, "a4"), appointment(spa, "a4", "r1", "s-yoga",
                "Yoga", 60, PriceType.hourly, "40.00", "c4"));
        awaitReady(spa + "/a3/c3", spa + "/a4/c4");

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            invoiceAll(producer, spa, "corr-inv-2");
            Map<String, DraftInvoiceCreated> invoiceOf = of(invoices, DraftInvoiceCreated.class,
                    i -> i.getCommandId().equals("corr-inv-2"), 2).stream()
                    .collect(Collectors.toMap(DraftInvoiceCreated::getCustomerNo, i -> i, (x, y) -> x));
            answersTo("corr-inv-2", results, 1);

            // When: a3 ran 90 minutes instead of 60, and a4 was repriced to 50.00 an hour
            AppointmentCompleted longer = appointment(spa, "a3", "r2", "s-yoga", "Yoga", 90, PriceType.hourly,
                    "40.00", "c3");
            longer.setOccurredAt(MONDAY.plus(Duration.ofHours(5)));
            send(producer, Topics.APPOINTMENTS, Keys.appointment(spa, "a3"), longer);
            AppointmentCompleted dearer = appointment(spa, "a4", "r2", "s-yoga", "Yoga", 60, PriceType.hourly,
                    "50.00", "c4");
            dearer.setOccurredAt(MONDAY.plus(Duration.ofHours(5)));
            send(producer, Topics.APPOINTMENTS, Keys.appointment(spa, "a4"), dearer);

            // Then: a3's line now is 1.5 h x 40.00 = 60.00 against the invoiced 1 h = 40.00
            List<Map<String, Object>> open = awaitOpen(rest, spa, 2);
            Map<String, Object> a3 = open.stream().filter(c -> c.get("bookingId").equals(spa + "/a3/c3")).findFirst()
                    .orElseThrow();
            assertThat(new BigDecimal(nested(a3, "invoiced").get("amount").toString())).isEqualByComparingTo("40.00");
            assertThat(new BigDecimal(nested(a3, "now").get("quantity").toString())).isEqualByComparingTo("1.5");
            assertThat(new BigDecimal(nested(a3, "now").get("amount").toString())).isEqualByComparingTo("60.00");
            String a4 = (String) open.stream().filter(c -> c.get("bookingId").equals(spa + "/a4/c4")).findFirst()
                    .orElseThrow().get("id");

            // When: a3's correction is accepted; Then: resolved, no credit note, the booking stays invoiced
            resolve(producer, "corr-accept", (String) a3.get("id"), "ACCEPT");
            assertThat(answersTo("corr-accept", results, 1).get(0)).isInstanceOf(CommandCompleted.class);
            assertThat(correction(rest, (String) a3.get("id"))).containsEntry("status", "ACCEPTED")
                    .containsEntry("resolvedByCommand", "corr-accept");
            assertThat(row(spa + "/a3/c3")).isNull();

            // When: a4's draft invoice is deleted; Then: its open correction is resolved by the delete, and a4 is
            // back in the view at 1 h x 50.00
            send(producer, Topics.INVOICING_COMMANDS, "corr-del", DeleteDraftInvoice.newBuilder()
                    .setCommandId("corr-del").setIssuedAt(MONDAY).setIssuedBy("test")
                    .setInvoiceId(invoiceOf.get("C20040").getInvoiceId()).build());
            assertThat(answersTo("corr-del", results, 1).get(0)).isInstanceOf(CommandCompleted.class);
            assertThat(correction(rest, a4)).containsEntry("status", "RESOLVED_BY_DELETE")
                    .containsEntry("resolvedByCommand", "corr-del");
            assertThat(row(spa + "/a4/c4").amount()).isEqualByComparingTo("50.00");
            assertThat(awaitOpen(rest, spa, 0)).isEmpty();
            assertThat(correctionsBadRequest(rest, "status=CLOSED")).contains("status must be one of OPEN");
            assertThat(invoices.drain(Duration.ofSeconds(2))).noneMatch(v -> v instanceof DraftCreditNoteCreated n
                    && n.getCustomerNo().startsWith("C200"));
        }
    }

    private KafkaTemplate<String, SpecificRecord> producer() {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new AvroSerializer()));
    }

    private RestClient rest() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("viewer", "viewer")).build();
    }

    private void register(KafkaTemplate<String, SpecificRecord> producer, String business, String customer,
            String customerNo, String service, String itemNo) {
        send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer(business, customer), new CustomerRegistered(
                "reg-" + business + customer, MONDAY, business, customer, customerNo, "Name " + customer,
                customer + "@example.com", "BOOKINGS", true, null, null, null));
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service(business, service), new ItemRegistered(
                "item-" + business + service, MONDAY, business, service, itemNo, service, null, "HOUR", "SERVICES",
                null, null, null));
    }

    private void awaitReady(String... bookingIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(bookingIds).map(this::row)
                .allMatch(r -> r != null && r.status() == BookingStatus.READY));
    }

    private static void invoiceAll(KafkaTemplate<String, SpecificRecord> producer, String business, String commandId) {
        send(producer, Topics.INVOICING_COMMANDS, commandId, InvoiceBookings.newBuilder().setCommandId(commandId)
                .setIssuedAt(MONDAY).setIssuedBy("test").setScope(InvoiceScope.ALL).setBookingIds(List.of())
                .setBusinessId(business).build());
    }

    private static void resolve(KafkaTemplate<String, SpecificRecord> producer, String commandId, String correctionId,
            String resolution) {
        send(producer, Topics.INVOICING_COMMANDS, commandId, ResolveCorrection.newBuilder().setCommandId(commandId)
                .setIssuedAt(MONDAY).setIssuedBy("test").setCorrectionId(correctionId).setResolution(resolution)
                .build());
    }

    private static List<Map<String, Object>> awaitOpen(RestClient rest, String business, int count) {
        List<Map<String, Object>> open = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            open.clear();
            open.addAll(content(rest.get().uri("/api/corrections?status=OPEN&businessId=" + business).retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() {
                    })));
            return open.size() == count;
        });
        return open;
    }

    /** A 400 answered as a problem detail; its body. */
    private static String correctionsBadRequest(RestClient rest, String query) {
        return rest.get().uri("/api/corrections?" + query).exchange((request, response) -> {
            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(String.valueOf(response.getHeaders().getContentType())).startsWith("application/problem+json");
            return new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    private static Map<String, Object> correction(RestClient rest, String id) {
        return rest.get().uri("/api/corrections/" + id).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> content(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("content");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    /** The events of one type matching {@code filter}, once at least {@code count} are on the topic. */
    private static <T> List<T> of(TopicReader reader, Class<T> type, Predicate<T> filter, int count) {
        List<T> found = new ArrayList<>();
        reader.awaitRaw(records -> {
            found.clear();
            records.stream().map(r -> (Object) EventSchemas.get().decode(r.value())).filter(type::isInstance)
                    .map(type::cast).filter(filter).forEach(found::add);
            return found.size() >= count;
        }, Duration.ofSeconds(60));
        return found;
    }

    /** The distinct ids of the events of one type on the topic so far (read for a moment more first). */
    private static <T> List<String> distinct(TopicReader reader, Class<T> type, java.util.function.Function<T, String> id,
            Predicate<T> filter) {
        return reader.drain(Duration.ofSeconds(1)).stream().filter(type::isInstance).map(type::cast).filter(filter)
                .map(id).distinct().toList();
    }

    private static List<Object> answersTo(String commandId, TopicReader results, int count) {
        List<Object> answers = new ArrayList<>();
        results.awaitRaw(records -> {
            answers.clear();
            records.stream().map(r -> (Object) EventSchemas.get().decode(r.value()))
                    .filter(v -> commandId.equals(v instanceof CommandCompleted c ? c.getCommandId()
                            : ((CommandRejected) v).getCommandId()))
                    .forEach(answers::add);
            return answers.size() >= count;
        }, Duration.ofSeconds(60));
        return answers;
    }

    private BookingRow row(String id) {
        return mongo.findById(id, BookingRow.class);
    }

    private static AppointmentCompleted appointment(String business, String id, String revision, String serviceId,
            String serviceName, int minutes, PriceType priceType, String price, String... customers) {
        return AppointmentCompleted.newBuilder()
                .setEventId("appt-" + business + id + revision).setOccurredAt(MONDAY.plus(Duration.ofHours(2)))
                .setBusinessId(business).setAppointmentId(id).setRevision(revision)
                .setServiceId(serviceId).setServiceName(serviceName)
                .setStart(MONDAY).setEnd(MONDAY.plus(Duration.ofMinutes(minutes)))
                .setPriceType(priceType).setPrice(new BigDecimal(price)).setCurrency("EUR")
                .setAttendees(Arrays.stream(customers).map(c -> new Attendee(c, "Name " + c, c + "@example.com",
                        null)).toList())
                .build();
    }

    private static void send(KafkaTemplate<String, SpecificRecord> producer, String topic, String key,
            SpecificRecord value) {
        producer.send(topic, key, value).join();
    }
}
