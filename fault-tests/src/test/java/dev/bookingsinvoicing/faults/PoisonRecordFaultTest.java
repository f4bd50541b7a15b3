package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.BookingsRecordKind;
import dev.bookingsinvoicing.events.BookingsRecordQuarantined;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.cli.DeadLetters;
import dev.bookingsinvoicing.cli.ExitCode;
import dev.bookingsinvoicing.cli.OperatorCli;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import picocli.CommandLine;

/**
 * Poison on every input topic: random bytes, a valid Avro record of a type the topic does not carry, a record
 * with a schema fingerprint nobody knows, and a record near the broker's size limit. Each lands in the topic's
 * dead-letter topic with its reason and original bytes, and the next good record behind it (same key, so same
 * partition) is processed. Then the dead-letter tool lists and replays one.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoisonRecordFaultTest {

    private static final int OVERSIZED = 1_000_000;

    private final Universe universe = new Universe("poison", 20);
    private final Random random = new Random(7);
    private final Map<String, String> reasons = new LinkedHashMap<>();
    private FaultStack stack;

    @BeforeAll
    void start() {
        stack = FaultStack.start("poison");
        Runs.seed(stack, universe);
        Runs.awaitReadyView(stack, universe);
    }

    @AfterAll
    void stop() {
        reasons.forEach((k, v) -> Report.line("poison", k + " -> " + v));
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void appointments() {
        String key = Keys.appointment(universe.businessId(), "appt-500");
        poisonThenGood(Topics.APPOINTMENTS, key, () -> stack.send(Topics.APPOINTMENTS, key,
                universe.appointment(500, List.of(0))), () -> stack.viewIds(universe.businessId())
                        .contains(Keys.booking(universe.businessId(), "appt-500", universe.customerId(0))));
    }

    @Test
    @Order(2)
    void customerRegistrations() {
        // an appointment of a customer not registered yet: its booking waits as UNMATCHED_CUSTOMER
        int late = universe.customers() + 1;
        stack.publish(List.of(new Universe.Event(Topics.APPOINTMENTS, Keys.appointment(universe.businessId(), "appt-501"),
                universe.appointment(501, List.of(late)))));
        String booking = Keys.booking(universe.businessId(), "appt-501", universe.customerId(late));
        await().atMost(Runs.PATIENCE).until(() -> stack.viewIds(universe.businessId()).contains(booking));
        String key = Keys.customer(universe.businessId(), universe.customerId(late));
        poisonThenGood(Topics.CUSTOMER_REGISTRATIONS, key, () -> stack.send(Topics.CUSTOMER_REGISTRATIONS, key,
                universe.customerRegistered(late)), () -> isReady(booking));
    }

    @Test
    @Order(3)
    void itemRegistrations() {
        // an appointment of a service not registered yet (service SERVICES + 0 does not exist): UNMAPPED_SERVICE
        int appointment = 502 + Universe.SERVICES * 1000;
        var event = universe.appointment(appointment, List.of(0));
        int service = appointment % Universe.SERVICES;
        String lateService = "svc-late";
        event.setServiceId(lateService);
        stack.publish(List.of(new Universe.Event(Topics.APPOINTMENTS,
                Keys.appointment(universe.businessId(), event.getAppointmentId()), event)));
        String booking = Keys.booking(universe.businessId(), event.getAppointmentId(), universe.customerId(0));
        await().atMost(Runs.PATIENCE).until(() -> stack.viewIds(universe.businessId()).contains(booking));
        String key = Keys.service(universe.businessId(), lateService);
        ItemRegistered item = universe.itemRegistered(service);
        item.setServiceId(lateService);
        item.setEventId("late-service-registered");
        poisonThenGood(Topics.ITEM_REGISTRATIONS, key, () -> stack.send(Topics.ITEM_REGISTRATIONS, key, item),
                () -> isReady(booking));
    }

    @Test
    @Order(4)
    void invoicingCommands() {
        String commandId = "poison-invoice-one";
        InvoiceBookings command = universe.invoice(commandId, InvoiceScope.SELECTED,
                List.of(universe.bookingIds().get(0)));
        poisonThenGood(Topics.INVOICING_COMMANDS, commandId, () -> stack.send(Topics.INVOICING_COMMANDS, commandId,
                command), () -> stack.readAll(Topics.COMMAND_RESULTS).stream()
                        .map(r -> decodedOrNull(r.value()))
                        .anyMatch(v -> v instanceof CommandCompleted c && c.getCommandId().equals(commandId)
                                && c.getBookingsInvoiced() == 1));
    }

    @Test
    @Order(5)
    void bookingsCustomers() {
        String customerId = "discovered-after-poison";
        String key = Keys.customer(universe.businessId(), customerId);
        CustomerDiscovered discovered = CustomerDiscovered.newBuilder().setEventId("discovered-after-poison-1")
                .setOccurredAt(Instant.parse("2026-01-05T10:00:00Z")).setBusinessId(universe.businessId())
                .setBookingsCustomerId(customerId).setDisplayName("Discovered After Poison")
                .setEmailAddress("after.poison@poison.example").build();
        poisonThenGood(Topics.CUSTOMERS, key, () -> stack.send(Topics.CUSTOMERS, key, discovered),
                () -> stack.readAll(Topics.CUSTOMER_REGISTRATIONS).stream().anyMatch(r -> customerId.equals(
                        bookingsCustomerIdOf(decodedOrNull(r.value())))));
    }

    @Test
    @Order(6)
    void bookingsServices() {
        String serviceId = "service-after-poison";
        String key = Keys.service(universe.businessId(), serviceId);
        ServiceDiscovered discovered = ServiceDiscovered.newBuilder().setEventId("service-after-poison-1")
                .setOccurredAt(Instant.parse("2026-01-05T10:00:00Z")).setBusinessId(universe.businessId())
                .setServiceId(serviceId).setDisplayName("Service After Poison").setPriceType(PriceType.fixedPrice)
                .setDefaultPrice(new java.math.BigDecimal("42.00")).setCurrency("EUR").setDefaultDurationMinutes(30)
                .build();
        poisonThenGood(Topics.SERVICES, key, () -> stack.send(Topics.SERVICES, key, discovered),
                () -> stack.readAll(Topics.ITEM_REGISTRATIONS).stream().anyMatch(r -> serviceId.equals(
                        serviceIdOf(decodedOrNull(r.value())))));
    }

    @Test
    @Order(7)
    void bookingsQuarantine() {
        String recordId = "quarantined-after-poison";
        String key = Keys.quarantined(universe.businessId(), "appointment", recordId);
        BookingsRecordQuarantined quarantined = BookingsRecordQuarantined.newBuilder()
                .setEventId("quarantined-after-poison-1").setOccurredAt(Instant.parse("2026-01-05T10:00:00Z"))
                .setBusinessId(universe.businessId()).setKind(BookingsRecordKind.APPOINTMENT).setRecordId(recordId)
                .setReason("no attendees: nobody to bill").setFirstSeenAt(Instant.parse("2026-01-05T10:00:00Z"))
                .build();
        poisonThenGood(Topics.QUARANTINE, key, () -> stack.send(Topics.QUARANTINE, key, quarantined),
                () -> stack.invoicingDatabase().getCollection("bookings_quarantine")
                        .find(new org.bson.Document("_id", key)).first() != null);
    }

    @Test
    @Order(8)
    void theDeadLetterToolListsTheReasonsAndReplaysARecordToItsTopic() {
        StringWriter listed = new StringWriter();
        CommandLine list = OperatorCli.commandLine();
        list.setOut(new PrintWriter(listed));
        assertThat(list.execute("dlt", "list", "--topic", Topics.APPOINTMENTS, "--bootstrap-servers",
                stack.bootstrapServers())).isEqualTo(ExitCode.DONE.code());
        assertThat(listed.toString()).contains("4 dead letter(s) in bookings.appointments-dlt")
                .contains("reason=").contains("original=bookings.appointments/");

        DeadLetters.DeadLetter first = stack.deadLetters().list(Topics.APPOINTMENTS).get(0);
        StringWriter replayed = new StringWriter();
        CommandLine replay = OperatorCli.commandLine();
        replay.setOut(new PrintWriter(replayed));
        assertThat(replay.execute("dlt", "replay", "--topic", Topics.APPOINTMENTS, "--partition",
                Integer.toString(first.partition()), "--offset", Long.toString(first.offset()),
                "--bootstrap-servers", stack.bootstrapServers())).as(replayed.toString())
                .isEqualTo(ExitCode.DONE.code());

        // the bytes are back on their topic, marked as a replay; still poison, so they are dead-lettered again
        List<ConsumerRecord<String, byte[]>> back = stack.readAll(Topics.APPOINTMENTS).stream()
                .filter(r -> r.headers().lastHeader(DeadLetters.REPLAYED_FROM_HEADER) != null).toList();
        assertThat(back).hasSize(1);
        assertThat(back.get(0).value()).isEqualTo(first.value());
        assertThat(back.get(0).key()).isEqualTo(first.key());
        await().atMost(Runs.PATIENCE).until(() -> stack.deadLetters().list(Topics.APPOINTMENTS)
                .size() == 5);
        Report.line("poison", "dlt tool: listed 4 dead letters of bookings.appointments, replayed "
                + first.deadLetterTopic() + "/" + first.partition() + "@" + first.offset()
                + " to its topic; it was dead-lettered again (still poison)");
    }

    /**
     * Sends the four poison records and then the good one, all with the same key (same partition, in this order),
     * and checks the dead-letter topic and that the good record was processed.
     */
    private void poisonThenGood(String topic, String key, Runnable good, BooleanSupplier goodProcessed) {
        long started = System.nanoTime();
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("random bytes", bytes(64));
        poison.put("wrong type", EventSchemas.get().encode(wrongTypeFor(topic)));
        byte[] unknown = bytes(48);
        unknown[0] = (byte) 0xC3;
        unknown[1] = (byte) 0x01;
        poison.put("unknown fingerprint", unknown);
        poison.put("oversized " + OVERSIZED + " bytes", bytes(OVERSIZED));
        Map<String, RecordMetadata> sent = new LinkedHashMap<>();
        poison.forEach((kind, value) -> sent.put(kind, stack.sendRaw(topic, key, value)));
        good.run();

        await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(500)).until(goodProcessed::getAsBoolean);
        List<DeadLetters.DeadLetter> letters = new ArrayList<>();
        await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            letters.clear();
            stack.deadLetters().list(topic).stream().filter(l -> key.equals(l.key()))
                    .forEach(letters::add);
            return letters.size() >= poison.size();
        });
        assertThat(letters).hasSize(poison.size());
        List<String> kinds = new ArrayList<>(poison.keySet());
        for (int i = 0; i < kinds.size(); i++) {
            String kind = kinds.get(i);
            DeadLetters.DeadLetter letter = letters.stream()
                    .filter(l -> l.originalOffset() == sent.get(kind).offset()).findFirst().orElseThrow();
            assertThat(letter.originalTopic()).isEqualTo(topic);
            assertThat(letter.reason()).as(kind).isNotBlank();
            assertThat(letter.value()).as(kind + ": the original bytes").isEqualTo(poison.get(kind));
            assertThat(letter.partition()).as("dead letter keeps its partition").isEqualTo(sent.get(kind).partition());
            reasons.put(topic + " / " + kind, letter.reason());
        }
        Report.line("poison", String.format("%s: %d poison records dead-lettered with reasons, next good record "
                + "processed (%.1f s)", topic, poison.size(), (System.nanoTime() - started) / 1e9));
    }

    private boolean isReady(String booking) {
        org.bson.Document row = stack.invoicingDatabase().getCollection(FaultStack.VIEW)
                .find(new org.bson.Document("_id", booking)).first();
        return row != null && "READY".equals(row.getString("status"));
    }

    /** A valid record of the project, of a type this topic never carries. */
    private SpecificRecord wrongTypeFor(String topic) {
        if (topic.equals(Topics.INVOICING_COMMANDS)) {
            return universe.customerRegistered(0);
        }
        return universe.invoice("wrong-type-on-" + topic, InvoiceScope.ALL, List.of());
    }

    /** The topics hold this test's own poison records too. */
    private static Object decodedOrNull(byte[] value) {
        try {
            return EventSchemas.get().decode(value);
        } catch (RuntimeException poison) {
            return null;
        }
    }

    private static String bookingsCustomerIdOf(Object value) {
        if (value instanceof CustomerRegistered r) {
            return r.getBookingsCustomerId();
        }
        return value instanceof CustomerRejected r ? r.getBookingsCustomerId() : null;
    }

    private static String serviceIdOf(Object value) {
        if (value instanceof ItemRegistered r) {
            return r.getServiceId();
        }
        return value instanceof ItemRejected r ? r.getServiceId() : null;
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0x7F; // not the single-object marker
        return bytes;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
