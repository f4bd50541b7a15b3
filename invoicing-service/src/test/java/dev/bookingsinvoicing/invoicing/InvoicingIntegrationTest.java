package dev.bookingsinvoicing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.bookingsinvoicing.commands.AssociateCustomer;
import dev.bookingsinvoicing.commands.DeleteDraftInvoice;
import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
import dev.bookingsinvoicing.commands.SetBookingPrice;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.CurrencyTotal;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PreviewedInvoice;
import dev.bookingsinvoicing.events.PreviewedLine;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.command.CommandResult;
import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.command.InvoicePlan;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanStore;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanner;
import dev.bookingsinvoicing.invoicing.command.Postings;
import dev.bookingsinvoicing.invoicing.command.SkippedBooking;
import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.web.OperatorAction;
import dev.bookingsinvoicing.invoicing.web.OperatorSession;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Given a salon with a haircut (fixed 10.00), a yoga class (hourly 40.00, three attendees) and a consultation
 * whose price varies, and a haircut booked before its customer was registered: the view shows every booking with
 * the right status; InvoiceBookings(ALL) creates one draft invoice per customer and skips the consultation; the
 * same command again creates nothing new and answers identically; an invoiced booking never comes back; an
 * empty selection is rejected.
 */
@InvoicingServiceTest
class InvoicingIntegrationTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-integration");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    InvoicePlanStore plans;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    dev.bookingsinvoicing.invoicing.command.InvoiceBookingsHandler invoiceHandler;

    @Autowired
    dev.bookingsinvoicing.invoicing.command.CommandLifecycle lifecycle;

    @LocalServerPort
    int port;

    @Test
    void invoicesEachReadyBookingOnceWithOneDraftInvoicePerCustomer() {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        // the API needs a user since the operator page came (VIEWER reads it)
        RestClient rest = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("viewer", "viewer")).build();

        // Given: a haircut completed before its customer is registered
        AppointmentCompleted haircut = appointment("a1", "s-cut", "Haircut", MONDAY, 30, PriceType.fixedPrice,
                "10.00", "c1");
        send(producer, Topics.APPOINTMENTS, Keys.appointment("salon", "a1"), haircut);
        await().atMost(Duration.ofSeconds(30)).until(() -> row("salon/a1/c1") != null);
        assertThat(row("salon/a1/c1").status().name()).isEqualTo("UNMATCHED_CUSTOMER");
        assertThat(row("salon/a1/c1").reason()).isEqualTo("customer not registered yet");

        // and the registrations, a group yoga class (90 minutes, three attendees) and a priceVaries consultation
        for (String[] c : new String[][] { { "c1", "C00010", "Ann Smith" }, { "c2", "C00020", "Bob Jones" },
                { "c3", "C00030", "Carol White" } }) {
            send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("salon", c[0]), new CustomerRegistered(
                    "reg-" + c[0], MONDAY, "salon", c[0], c[1], c[2], c[0] + "@example.com", "BOOKINGS", true, null, null, null));
        }
        for (String[] s : new String[][] { { "s-cut", "I-CUT", "Haircut" }, { "s-yoga", "I-YOGA", "Yoga class" },
                { "s-consult", "I-CONSULT", "Consultation" } }) {
            send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("salon", s[0]), new ItemRegistered("item-" + s[0],
                    MONDAY, "salon", s[0], s[1], s[2], null, "HOUR", "SERVICES", null, null, null));
        }
        send(producer, Topics.APPOINTMENTS, Keys.appointment("salon", "a2"), appointment("a2", "s-yoga",
                "Yoga class", MONDAY.plus(Duration.ofDays(1)), 90, PriceType.hourly, "40.00", "c1", "c2", "c3"));
        send(producer, Topics.APPOINTMENTS, Keys.appointment("salon", "a3"), appointment("a3", "s-consult",
                "Consultation", MONDAY.plus(Duration.ofDays(2)), 60, PriceType.priceVaries, null, "c2"));

        // Then: the view shows five bookings; the early haircut became ready when its customer arrived
        await().atMost(Duration.ofSeconds(30)).until(() -> view(rest, "businessId=salon").get("totalElements")
                .equals(5) && ((Number) view(rest, "businessId=salon&status=READY").get("totalElements")).intValue() == 4);
        Map<String, Object> ready = view(rest, "businessId=salon&status=READY&size=2&page=0");
        assertThat(ready.get("totalPages")).isEqualTo(2);
        assertThat(rows(ready)).extracting(r -> r.get("id")).containsExactly("salon/a1/c1", "salon/a2/c1");
        assertThat(rows(ready).get(0)).containsEntry("customerNo", "C00010").containsEntry("itemNo", "I-CUT");
        assertThat(new BigDecimal(rows(ready).get(0).get("amount").toString())).isEqualByComparingTo("10.00");
        Map<String, Object> needsPrice = rows(view(rest, "businessId=salon&status=NEEDS_PRICE")).get(0);
        assertThat(needsPrice).containsEntry("id", "salon/a3/c2");
        assertThat(rows(view(rest, "customerNo=C00020"))).extracting(r -> r.get("id"))
                .containsExactly("salon/a2/c2", "salon/a3/c2");

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            // When: everything is invoiced
            InvoiceBookings all = command("cmd-all", InvoiceScope.ALL, List.of());
            all.setBusinessId("salon");
            send(producer, Topics.INVOICING_COMMANDS, "cmd-all", all);

            // Then: one draft invoice per customer, lines and totals priced by type
            Map<String, DraftInvoiceCreated> byCustomer = invoicesOf("cmd-all", invoices, 3).stream()
                    .collect(Collectors.toMap(DraftInvoiceCreated::getCustomerNo, i -> i));
            assertThat(byCustomer).containsOnlyKeys("C00010", "C00020", "C00030");
            DraftInvoiceCreated ann = byCustomer.get("C00010");
            assertThat(ann.getCustomerName()).isEqualTo("Ann Smith");
            assertThat(ann.getCurrency()).isEqualTo("EUR");
            assertThat(ann.getLines()).extracting(InvoiceLine::getBookingId, InvoiceLine::getItemNo,
                    InvoiceLine::getDescription).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("salon/a1/c1", "I-CUT", "Haircut - 2026-03-02"),
                            org.assertj.core.groups.Tuple.tuple("salon/a2/c1", "I-YOGA", "Yoga class - 2026-03-03"));
            assertThat(ann.getLines().get(0).getAmount()).isEqualTo(new BigDecimal("10.00"));
            assertThat(ann.getLines().get(1).getQuantity()).isEqualTo(new BigDecimal("1.5000"));
            assertThat(ann.getLines().get(1).getAmount()).isEqualTo(new BigDecimal("60.00"));
            assertThat(ann.getTotalAmount()).isEqualTo(new BigDecimal("70.00"));
            assertThat(byCustomer.get("C00020").getTotalAmount()).isEqualTo(new BigDecimal("60.00"));
            assertThat(byCustomer.get("C00030").getLines()).extracting(InvoiceLine::getBookingId)
                    .containsExactly("salon/a2/c3");

            // and the result names the invoices and the skipped consultation with its reason
            CommandCompleted completed = (CommandCompleted) answersTo("cmd-all", results, 1).get(0);
            assertThat(completed.getCommandId()).isEqualTo("cmd-all");
            assertThat(completed.getInvoiceIds()).containsExactlyInAnyOrderElementsOf(byCustomer.values().stream()
                    .map(DraftInvoiceCreated::getInvoiceId).toList());
            assertThat(completed.getBookingsInvoiced()).isEqualTo(4);
            assertThat(completed.getSkipped()).containsExactly(
                    new dev.bookingsinvoicing.events.SkippedBooking("salon/a3/c2", "needs a price", "NOT_READY"));

            // and only the consultation is left in the view
            await().atMost(Duration.ofSeconds(10)).until(() -> view(rest, "businessId=salon").get("totalElements")
                    .equals(1));
            assertThat(rest.get().uri("/api/commands/cmd-all").retrieve().body(Map.class))
                    .containsEntry("bookingsInvoiced", 4);
            assertThat(rest.get().uri("/api/draft-invoices/" + ann.getInvoiceId()).retrieve().body(Map.class))
                    .containsEntry("customerNo", "C00010");

            // When: the same command arrives again
            send(producer, Topics.INVOICING_COMMANDS, "cmd-all", all);

            // Then: the identical result again, and no invoice with a new id
            assertThat(answersTo("cmd-all", results, 2)).containsExactly(completed, completed);
            Set<String> invoiceIds = invoices.drain(Duration.ofSeconds(2)).stream().filter(DraftInvoiceCreated.class::isInstance)
                    .map(DraftInvoiceCreated.class::cast)
                    .filter(i -> i.getCommandId().equals("cmd-all")).map(DraftInvoiceCreated::getInvoiceId)
                    .collect(Collectors.toSet());
            assertThat(invoiceIds).containsExactlyInAnyOrderElementsOf(completed.getInvoiceIds());
            assertThat(mongo.findAll(DraftInvoice.class).stream().filter(i -> i.commandId().equals("cmd-all")))
                    .hasSize(3);

            // When: the invoiced haircut is re-delivered, then a new booking arrives behind it
            send(producer, Topics.APPOINTMENTS, Keys.appointment("salon", "a1"), haircut);
            send(producer, Topics.APPOINTMENTS, Keys.appointment("salon", "a4"), appointment("a4", "s-cut",
                    "Haircut", MONDAY.plus(Duration.ofDays(3)), 30, PriceType.fixedPrice, "10.00", "c3"));
            // Then: the new one is listed, the invoiced one never comes back
            await().atMost(Duration.ofSeconds(30)).until(() -> row("salon/a4/c3") != null);
            assertThat(row("salon/a1/c1")).isNull();

            // When: a selection without ids
            send(producer, Topics.INVOICING_COMMANDS, "cmd-empty", command("cmd-empty", InvoiceScope.SELECTED,
                    List.of()));
            // Then: it is rejected, with the reason
            CommandRejected rejected = (CommandRejected) answersTo("cmd-empty", results, 1).get(0);
            assertThat(rejected.getCommandId()).isEqualTo("cmd-empty");
            assertThat(rejected.getReason()).isEqualTo("scope SELECTED needs at least one booking id");
            assertThat(row("salon/a4/c3")).isNotNull();
        }
    }

    /**
     * A command whose first attempt crashed after storing its plan and claiming part of its bookings, while
     * another command already holds one of them: the retry carries out the stored plan (same ids, same time),
     * counts its own claims as its own and skips the other command's booking. An undecodable command or
     * appointment is dead-lettered and the next record is still served.
     */
    @Test
    void aRetryAfterACrashCarriesOutTheStoredPlanAndSkipsBookingsHeldByAnotherCommand() {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("clinic", "s-x"), new ItemRegistered("item-x", MONDAY,
                "clinic", "s-x", "I-X", "Check-up", null, "HOUR", "SERVICES", null, null, null));
        for (String[] c : new String[][] { { "k1", "C00100" }, { "k2", "C00200" } }) {
            send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("clinic", c[0]), new CustomerRegistered(
                    "reg-" + c[0], MONDAY, "clinic", c[0], c[1], "Patient " + c[0], c[0] + "@example.com", "BOOKINGS",
                    true, null, null, null));
        }
        KafkaTemplate<String, byte[]> raw = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer()));
        raw.send(Topics.APPOINTMENTS, "garbage-appointment", "not an appointment".getBytes()).join();
        for (String[] a : new String[][] { { "b1", "k1" }, { "b2", "k1" }, { "b3", "k2" } }) {
            AppointmentCompleted appointment = appointment(a[0], "s-x", "Check-up", MONDAY, 30, PriceType.fixedPrice,
                    "25.00", a[1]);
            appointment.setBusinessId("clinic");
            send(producer, Topics.APPOINTMENTS, Keys.appointment("clinic", a[0]), appointment);
        }
        List<String> ids = List.of("clinic/b1/k1", "clinic/b2/k1", "clinic/b3/k2");
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().map(this::row)
                .allMatch(r -> r != null && r.status() == BookingStatus.READY));

        // Given: the first attempt of cmd-crash stored its plan and claimed b1, then died; cmd-other holds b3
        Instant firstAttempt = Instant.parse("2026-03-31T18:00:00Z");
        InvoicePlan plan = new InvoicePlanner(InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE,
                dev.bookingsinvoicing.invoicing.command.InvoiceGrouping.CUSTOMER,
                InvoicePlanner.DEFAULT_HOUR_UNIT_OF_MEASURE).plan("cmd-crash", ids.stream().map(this::row).toList(),
                List.of(SkippedBooking.notFound("clinic/nope/k1")), Postings.NONE, firstAttempt);
        plans.saveOrGetExisting(plan);
        String plannedInvoiceId = plan.invoices().get(0).id();
        mongo.insert(new BookingClaim("clinic/b1/k1", "cmd-crash", plannedInvoiceId, firstAttempt));
        mongo.insert(new BookingClaim("clinic/b3/k2", "cmd-other", "DI-other", firstAttempt));

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS);
                TopicReader deadLetters = new TopicReader(broker.getBrokersAsString(),
                        Topics.deadLetterOf(Topics.INVOICING_COMMANDS))) {
            // When: an undecodable command, then the re-delivered cmd-crash
            raw.send(Topics.INVOICING_COMMANDS, "garbage", "not a command".getBytes()).join();
            send(producer, Topics.INVOICING_COMMANDS, "cmd-crash", command("cmd-crash", InvoiceScope.SELECTED,
                    List.of("clinic/b1/k1", "clinic/b2/k1", "clinic/b3/k2", "clinic/nope/k1")));

            // Then: the planned invoice, with b1 (our own claim) and b2, at the time of the first attempt
            CommandCompleted completed = (CommandCompleted) answersTo("cmd-crash", results, 1).get(0);
            assertThat(completed.getInvoiceIds()).containsExactly(plannedInvoiceId);
            assertThat(completed.getBookingsInvoiced()).isEqualTo(2);
            assertThat(completed.getOccurredAt()).isEqualTo(firstAttempt);
            assertThat(completed.getSkipped()).containsExactlyInAnyOrder(
                    new dev.bookingsinvoicing.events.SkippedBooking("clinic/nope/k1", "unknown booking id",
                            "NOT_FOUND"),
                    new dev.bookingsinvoicing.events.SkippedBooking("clinic/b3/k2", "already invoiced on DI-other",
                            "ALREADY_INVOICED"));
            DraftInvoiceCreated invoice = invoicesOf("cmd-crash", invoices, 1).get(0);
            assertThat(invoice.getInvoiceId()).isEqualTo(plannedInvoiceId);
            assertThat(invoice.getLines()).extracting(InvoiceLine::getBookingId)
                    .containsExactly("clinic/b1/k1", "clinic/b2/k1");
            assertThat(invoice.getTotalAmount()).isEqualTo(new BigDecimal("50.00"));
            assertThat(mongo.findById("clinic/b2/k1", BookingClaim.class).commandId()).isEqualTo("cmd-crash");

            // and the undecodable command and appointment went to their dead-letter topics
            assertThat(deadLetters.awaitRaw(r -> !r.isEmpty(), Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::key).containsExactly("garbage");
        }
        try (TopicReader deadAppointments = new TopicReader(broker.getBrokersAsString(),
                Topics.deadLetterOf(Topics.APPOINTMENTS))) {
            assertThat(deadAppointments.awaitRaw(r -> !r.isEmpty(), Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::key).containsExactly("garbage-appointment");
        }
    }

    /**
     * Every Business Central action of page 1638 as a command on the topic, against the real broker and MongoDB
     * server: mark as invoiced, associate a customer, set a price, invoice one customer, cancel after invoicing,
     * delete the draft (twice), invoice again; each answered on the results topic, the view checked afterwards, and
     * invalid commands rejected with nothing changed. Also the view following CustomerUpdated and ItemUpdated.
     */
    @Test
    void everyBookingsNotInvoicedActionIsACommandAnsweredOnTheResultsTopic() throws Exception {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        // Given: Dana (C00500) and Eve (C00600) registered, s2 rejected for want of an email, one massage item
        for (String[] c : new String[][] { { "s1", "C00500", "Dana Green" }, { "s3", "C00600", "Eve Black" } }) {
            send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("spa", c[0]), new CustomerRegistered(
                    "reg-spa-" + c[0], MONDAY, "spa", c[0], c[1], c[2], c[0] + "@example.com", "BOOKINGS", true, null, null, null));
        }
        send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("spa", "s2"), new CustomerRejected("rej-spa-s2",
                MONDAY, "spa", "s2", "email", "no email address"));
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("spa", "svc-m"), new ItemRegistered("item-spa-m",
                MONDAY, "spa", "svc-m", "I-MASSAGE", "Massage", new BigDecimal("50.00"), "HOUR", "SERVICES", null, null, null));
        String[][] bookings = { { "m1", "s1", "fixedPrice", "30.00" }, { "m2", "s1", "fixedPrice", "30.00" },
                { "m3", "s2", "fixedPrice", "30.00" }, { "m4", "s3", "priceVaries", null },
                { "m5", "s3", "fixedPrice", "30.00" }, { "m6", "s1", "fixedPrice", null } };
        for (int i = 0; i < bookings.length; i++) {
            String[] b = bookings[i];
            AppointmentCompleted a = appointment(b[0], "svc-m", "Massage", MONDAY.plus(Duration.ofHours(i)), 60,
                    PriceType.valueOf(b[2]), b[3], b[1]);
            a.setBusinessId("spa");
            send(producer, Topics.APPOINTMENTS, Keys.appointment("spa", b[0]), a);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> row("spa/m6/s1") != null && row("spa/m1/s1") != null
                && row("spa/m1/s1").status() == BookingStatus.READY);
        assertThat(row("spa/m3/s2").status()).isEqualTo(BookingStatus.UNMATCHED_CUSTOMER);
        assertThat(row("spa/m4/s3").status()).isEqualTo(BookingStatus.NEEDS_PRICE);
        // an appointment without its own price takes the item's price (50.00), the others keep theirs
        assertThat(row("spa/m6/s1").amount()).isEqualByComparingTo("50.00");
        assertThat(row("spa/m1/s1").amount()).isEqualByComparingTo("30.00");

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            // Mark as invoiced: rejected as a whole when one booking is unknown, nothing changes
            send(producer, Topics.INVOICING_COMMANDS, "spa-mark-bad", new MarkBookingsInvoiced("spa-mark-bad", MONDAY,
                    "ops", List.of("spa/m2/s1", "spa/nope/s1"), "paid in cash"));
            CommandRejected markBad = (CommandRejected) answersTo("spa-mark-bad", results, 1).get(0);
            assertThat(markBad.getReason()).contains("spa/nope/s1 unknown booking id").contains("nothing was changed");
            // each booking that made it refused, for programs: here only the unknown one
            assertThat(markBad.getRefused()).containsExactly(new dev.bookingsinvoicing.events.RefusedBooking(
                    "spa/nope/s1", "unknown booking id", "NOT_FOUND"));
            assertThat(mongo.findById("spa/m2/s1", BookingClaim.class)).isNull();
            // then accepted: the booking leaves the view, claimed with who and why, and can never be invoiced
            send(producer, Topics.INVOICING_COMMANDS, "spa-mark", new MarkBookingsInvoiced("spa-mark", MONDAY, "ops",
                    List.of("spa/m2/s1"), "paid in cash"));
            CommandCompleted marked = (CommandCompleted) answersTo("spa-mark", results, 1).get(0);
            assertThat(marked.getBookingIds()).containsExactly("spa/m2/s1");
            assertThat(marked.getBookingsInvoiced()).isEqualTo(1);
            assertThat(marked.getInvoiceIds()).isEmpty();
            assertThat(row("spa/m2/s1")).isNull();
            BookingClaim mark = mongo.findById("spa/m2/s1", BookingClaim.class);
            assertThat(mark.markedBy()).isEqualTo("ops");
            assertThat(mark.reason()).isEqualTo("paid in cash");
            send(producer, Topics.INVOICING_COMMANDS, "spa-inv-marked", command("spa-inv-marked",
                    InvoiceScope.SELECTED, List.of("spa/m2/s1")));
            CommandCompleted invMarked = (CommandCompleted) answersTo("spa-inv-marked", results, 1).get(0);
            assertThat(invMarked.getBookingsInvoiced()).isZero();
            assertThat(invMarked.getSkipped()).containsExactly(new dev.bookingsinvoicing.events.SkippedBooking(
                    "spa/m2/s1", "already marked as invoiced by ops (paid in cash)", "MARKED_INVOICED"));
            send(producer, Topics.INVOICING_COMMANDS, "spa-mark-again", new MarkBookingsInvoiced("spa-mark-again",
                    MONDAY, "ops", List.of("spa/m2/s1"), "again"));
            CommandRejected markAgain = (CommandRejected) answersTo("spa-mark-again", results, 1).get(0);
            assertThat(markAgain.getReason()).contains("already marked as invoiced");
            assertThat(markAgain.getRefused()).extracting(dev.bookingsinvoicing.events.RefusedBooking::getBookingId,
                    dev.bookingsinvoicing.events.RefusedBooking::getKind)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("spa/m2/s1", "MARKED_INVOICED"));

            // Associate: an unknown customer no. is refused; an existing one makes the booking READY
            send(producer, Topics.INVOICING_COMMANDS, "spa-assoc-bad", new AssociateCustomer("spa-assoc-bad", MONDAY,
                    "ops", "spa", "s2", "C09999", null));
            assertThat(((CommandRejected) answersTo("spa-assoc-bad", results, 1).get(0)).getReason())
                    .startsWith("unknown customer no. C09999");
            send(producer, Topics.INVOICING_COMMANDS, "spa-assoc", new AssociateCustomer("spa-assoc", MONDAY, "ops",
                    "spa", "s2", "C00600", null));
            assertThat(((CommandCompleted) answersTo("spa-assoc", results, 1).get(0)).getBookingIds())
                    .containsExactly("spa/m3/s2");
            assertThat(row("spa/m3/s2").status()).isEqualTo(BookingStatus.READY);
            assertThat(row("spa/m3/s2").customerNo()).isEqualTo("C00600");
            assertThat(row("spa/m3/s2").billToName()).isEqualTo("Name s2");

            // Set a price: refused for a booking that has one, accepted for the one that needs it
            send(producer, Topics.INVOICING_COMMANDS, "spa-price-bad", new SetBookingPrice("spa-price-bad", MONDAY,
                    "ops", List.of("spa/m1/s1"), new BigDecimal("45.00"), null, null, null));
            assertThat(((CommandRejected) answersTo("spa-price-bad", results, 1).get(0)).getReason())
                    .contains("spa/m1/s1 does not need a price");
            send(producer, Topics.INVOICING_COMMANDS, "spa-price", new SetBookingPrice("spa-price", MONDAY, "ops",
                    List.of("spa/m4/s3"), new BigDecimal("45.00"), null, null, null));
            assertThat(((CommandCompleted) answersTo("spa-price", results, 1).get(0)).getBookingIds())
                    .containsExactly("spa/m4/s3");
            assertThat(row("spa/m4/s3").status()).isEqualTo(BookingStatus.READY);
            assertThat(row("spa/m4/s3").amount()).isEqualByComparingTo("45.00");

            // The view follows a renamed customer and a repriced item (only where the appointment had no price)
            send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("spa", "s1"), new CustomerUpdated("upd-spa-s1",
                    MONDAY.plusSeconds(60), "spa", "s1", "C00500", "Dana Brown", "s1@example.com", null,
                    List.of("name"), null, null, null));
            send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("spa", "svc-m"), new ItemUpdated("upd-spa-m",
                    MONDAY.plusSeconds(60), "spa", "svc-m", "I-MASSAGE", "Deep massage", new BigDecimal("55.00"),
                    List.of("description", "unitPrice"), null, null, null, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> "Dana Brown".equals(row("spa/m1/s1").billToName())
                    && row("spa/m6/s1").amount().compareTo(new BigDecimal("55.00")) == 0);
            assertThat(row("spa/m1/s1").amount()).isEqualByComparingTo("30.00");
            assertThat(row("spa/m1/s1").serviceName()).isEqualTo("Massage");

            // Invoice one customer: m3 (associated), m4 (priced), m5
            InvoiceBookings eve = InvoiceBookings.newBuilder().setCommandId("spa-eve").setIssuedAt(MONDAY)
                    .setIssuedBy("ops").setScope(InvoiceScope.CUSTOMER).setCustomerNo("C00600").setBusinessId("spa")
                    .build();
            send(producer, Topics.INVOICING_COMMANDS, "spa-eve", eve);
            DraftInvoiceCreated invoice = invoicesOf("spa-eve", invoices, 1).get(0);
            assertThat(invoice.getLines()).extracting(InvoiceLine::getBookingId)
                    .containsExactly("spa/m3/s2", "spa/m4/s3", "spa/m5/s3");
            assertThat(invoice.getTotalAmount()).isEqualTo(new BigDecimal("105.00"));
            CommandCompleted invoiced = (CommandCompleted) answersTo("spa-eve", results, 1).get(0);
            assertThat(invoiced.getBookingIds()).containsExactly("spa/m3/s2", "spa/m4/s3", "spa/m5/s3");

            // A selection of bookings that are not there to invoice: each is named with why, nothing is invoiced
            InvoiceBookings nothing = command("spa-nothing", InvoiceScope.SELECTED, List.of("spa/m3/s2",
                    "spa/never/s9", "spa/m2/s1", "spa/m6/s1"));
            nothing.setBusinessId("gym");
            send(producer, Topics.INVOICING_COMMANDS, "spa-nothing", nothing);
            CommandCompleted none = (CommandCompleted) answersTo("spa-nothing", results, 1).get(0);
            assertThat(none.getBookingsInvoiced()).isZero();
            assertThat(none.getInvoiceIds()).isEmpty();
            assertThat(none.getSkipped()).extracting(dev.bookingsinvoicing.events.SkippedBooking::getBookingId,
                    dev.bookingsinvoicing.events.SkippedBooking::getKind).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("spa/m3/s2", "ALREADY_INVOICED"),
                            org.assertj.core.groups.Tuple.tuple("spa/never/s9", "NOT_FOUND"),
                            org.assertj.core.groups.Tuple.tuple("spa/m2/s1", "MARKED_INVOICED"),
                            org.assertj.core.groups.Tuple.tuple("spa/m6/s1", "OUTSIDE_SCOPE"));
            assertThat(none.getSkipped()).filteredOn(s -> s.getBookingId().equals("spa/m3/s2"))
                    .extracting(dev.bookingsinvoicing.events.SkippedBooking::getReason)
                    .containsExactly("already invoiced on " + invoice.getInvoiceId());
            assertThat(row("spa/m6/s1")).isNotNull();
            // and the operator page's result says that nothing was invoiced, with each booking's kind
            String page = OperatorSession.signIn("http://localhost:" + port, "operator", "operator")
                    .get("/commands/spa-nothing");
            assertThat(page).contains("Nothing was invoiced");
            assertThat(OperatorSession.all(page, "<tr data-kind=\"([A-Z_]+)\">")).containsExactlyInAnyOrder(
                    "ALREADY_INVOICED", "NOT_FOUND", "MARKED_INVOICED", "OUTSIDE_SCOPE");
            assertThat(page).contains("<td>spa/never/s9</td><td>not found</td><td>unknown booking id</td>");

            // The appointment of m5 is cancelled after it was invoiced: the invoice keeps it, the view stays empty
            send(producer, Topics.APPOINTMENTS, Keys.appointment("spa", "m5"), new AppointmentCancelled("cancel-m5",
                    MONDAY.plus(Duration.ofDays(1)), "spa", "m5"));
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(Keys.appointment("spa", "m5"),
                    dev.bookingsinvoicing.invoicing.view.AppointmentState.class).cancelled());
            assertThat(mongo.findById("spa/m5/s3", BookingClaim.class).invoiceId()).isEqualTo(invoice.getInvoiceId());
            assertThat(row("spa/m5/s3")).isNull();

            // Delete the draft: its bookings are released and come back READY (m4 keeps its price), m5 does not
            send(producer, Topics.INVOICING_COMMANDS, "spa-del", new DeleteDraftInvoice("spa-del", MONDAY, "ops",
                    invoice.getInvoiceId()));
            CommandCompleted deleted = (CommandCompleted) answersTo("spa-del", results, 1).get(0);
            assertThat(deleted.getInvoiceIds()).containsExactly(invoice.getInvoiceId());
            assertThat(deleted.getBookingIds()).containsExactly("spa/m3/s2", "spa/m4/s3", "spa/m5/s3");
            DraftInvoiceDeleted gone = deletions(invoices, invoice.getInvoiceId(), 1).get(0);
            assertThat(gone.getBookingIds()).containsExactly("spa/m3/s2", "spa/m4/s3", "spa/m5/s3");
            assertThat(gone.getCustomerNo()).isEqualTo("C00600");
            await().atMost(Duration.ofSeconds(30)).until(() -> row("spa/m3/s2") != null && row("spa/m4/s3") != null);
            assertThat(row("spa/m3/s2").status()).isEqualTo(BookingStatus.READY);
            assertThat(row("spa/m4/s3").amount()).isEqualByComparingTo("45.00");
            assertThat(row("spa/m5/s3")).isNull();
            assertThat(mongo.findById("spa/m3/s2", BookingClaim.class)).isNull();
            assertThat(mongo.findById(invoice.getInvoiceId(), DraftInvoice.class)).isNull();

            // Deleting again (another command) gives the same result and the same event; an unknown id is rejected
            send(producer, Topics.INVOICING_COMMANDS, "spa-del-2", new DeleteDraftInvoice("spa-del-2", MONDAY, "ops",
                    invoice.getInvoiceId()));
            CommandCompleted deletedAgain = (CommandCompleted) answersTo("spa-del-2", results, 1).get(0);
            assertThat(deletedAgain.getBookingIds()).isEqualTo(deleted.getBookingIds());
            assertThat(deletions(invoices, invoice.getInvoiceId(), 2)).containsOnly(gone);
            send(producer, Topics.INVOICING_COMMANDS, "spa-del-bad", new DeleteDraftInvoice("spa-del-bad", MONDAY,
                    "ops", "DI-nope"));
            assertThat(((CommandRejected) answersTo("spa-del-bad", results, 1).get(0)).getReason())
                    .isEqualTo("unknown draft invoice DI-nope");

            // A released booking can be invoiced again, once, on a new invoice
            send(producer, Topics.INVOICING_COMMANDS, "spa-again", command("spa-again", InvoiceScope.SELECTED,
                    List.of("spa/m3/s2")));
            DraftInvoiceCreated again = invoicesOf("spa-again", invoices, 1).get(0);
            assertThat(again.getInvoiceId()).isNotEqualTo(invoice.getInvoiceId());
            assertThat(again.getLines()).extracting(InvoiceLine::getBookingId).containsExactly("spa/m3/s2");
            await().atMost(Duration.ofSeconds(10)).until(() -> row("spa/m3/s2") == null);
        }
    }

    /**
     * Issue 17: an InvoiceBookings sent as a preview lists the invoices it would create and the bookings it would
     * skip, and changes nothing (no claim, no plan, no invoice, no DraftInvoiceCreated, the view as it was); sent
     * again it answers the same and still stores nothing; the same command for real then creates exactly the
     * previewed invoices.
     */
    @Test
    void aPreviewChangesNothingAndTheRealCommandCreatesExactlyThePreviewedInvoices() {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        RestClient rest = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("viewer", "viewer")).build();
        // Given: a studio where Ann has a fixed-price class (30.00) and 45 minutes at 40.00 an hour (30.00), and Bob
        // a fixed-price class and a consultation that needs a price
        for (String[] c : new String[][] { { "s1", "C01000", "Ann Studio" }, { "s2", "C01100", "Bob Studio" } }) {
            send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("studio", c[0]), new CustomerRegistered(
                    "reg-studio-" + c[0], MONDAY, "studio", c[0], c[1], c[2], c[0] + "@example.com", "BOOKINGS", true,
                    null, null, null));
        }
        for (String[] i : new String[][] { { "s-class", "I-CLASS", "Class" }, { "s-private", "I-PRIVATE", "Private" },
                { "s-consult", "I-CONSULT", "Consultation" } }) {
            send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("studio", i[0]), new ItemRegistered(
                    "item-studio-" + i[0], MONDAY, "studio", i[0], i[1], i[2], null, "HOUR", "SERVICES", null, null,
                    null));
        }
        List<AppointmentCompleted> appointments = List.of(
                appointment("p1", "s-class", "Class", MONDAY, 60, PriceType.fixedPrice, "30.00", "s1"),
                appointment("p2", "s-private", "Private", MONDAY.plus(Duration.ofDays(1)), 45, PriceType.hourly,
                        "40.00", "s1"),
                appointment("p3", "s-class", "Class", MONDAY, 60, PriceType.fixedPrice, "30.00", "s2"),
                appointment("p4", "s-consult", "Consultation", MONDAY, 30, PriceType.priceVaries, null, "s2"));
        for (AppointmentCompleted a : appointments) {
            a.setBusinessId("studio");
            send(producer, Topics.APPOINTMENTS, Keys.appointment("studio", a.getAppointmentId()), a);
        }
        List<String> ready = List.of("studio/p1/s1", "studio/p2/s1", "studio/p3/s2");
        await().atMost(Duration.ofSeconds(30)).until(() -> ready.stream().map(this::row)
                .allMatch(r -> r != null && r.status() == BookingStatus.READY) && row("studio/p4/s2") != null);
        Map<String, Object> viewBefore = view(rest, "businessId=studio");

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            // When: InvoiceBookings(ALL) of the studio is sent as a preview
            InvoiceBookings preview = command("studio-preview", InvoiceScope.ALL, List.of());
            preview.setBusinessId("studio");
            preview.setPreview(true);
            send(producer, Topics.INVOICING_COMMANDS, "studio-preview", preview);

            // Then: its result lists an invoice for Ann (two lines) and one for Bob, and the consultation it skips
            CommandCompleted previewed = (CommandCompleted) answersTo("studio-preview", results, 1).get(0);
            assertThat(previewed.getPreview()).isTrue();
            assertThat(previewed.getInvoiceIds()).isEmpty();
            assertThat(previewed.getBookingsInvoiced()).isZero();
            assertThat(previewed.getPreviewedInvoices()).extracting(PreviewedInvoice::getCustomerNo,
                    PreviewedInvoice::getLineCount, PreviewedInvoice::getTotalAmount).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("C01000", 2, new BigDecimal("60.00000")),
                            org.assertj.core.groups.Tuple.tuple("C01100", 1, new BigDecimal("30.00000")));
            assertThat(previewed.getPreviewedInvoices().get(0).getLines()).extracting(PreviewedLine::getBookingId,
                    PreviewedLine::getQuantity, PreviewedLine::getAmount).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("studio/p1/s1", new BigDecimal("1.00000"),
                                    new BigDecimal("30.00000")),
                            org.assertj.core.groups.Tuple.tuple("studio/p2/s1", new BigDecimal("0.75000"),
                                    new BigDecimal("30.00000")));
            assertThat(previewed.getPreviewTotals()).containsExactly(new CurrencyTotal("EUR", 2, 3,
                    new BigDecimal("90.00000")));
            assertThat(previewed.getSkipped()).containsExactly(
                    new dev.bookingsinvoicing.events.SkippedBooking("studio/p4/s2", "needs a price", "NOT_READY"));
            assertThat(previewed.getTruncated()).isFalse();

            // and it stored nothing but its result: no claim, no plan, no invoice; the view is as it was
            assertNothingStoredBy("studio-preview");
            assertThat(view(rest, "businessId=studio")).isEqualTo(viewBefore);
            assertThat(rest.get().uri("/api/commands/studio-preview").retrieve().body(Map.class))
                    .containsEntry("preview", true).containsEntry("bookingsInvoiced", 0);

            // When: the preview is delivered again
            send(producer, Topics.INVOICING_COMMANDS, "studio-preview", preview);

            // Then: the same answer, and still nothing stored
            assertThat(answersTo("studio-preview", results, 2)).containsExactly(previewed, previewed);
            assertNothingStoredBy("studio-preview");

            // When: the same command is sent for real
            InvoiceBookings real = command("studio-real", InvoiceScope.ALL, List.of());
            real.setBusinessId("studio");
            send(producer, Topics.INVOICING_COMMANDS, "studio-real", real);

            // Then: its invoices are the previewed ones, line for line, and the preview never sent one
            List<DraftInvoiceCreated> created = invoicesOf("studio-real", invoices, 2);
            assertThat(created.stream().map(InvoicingIntegrationTest::asPreviewed).toList())
                    .containsExactlyElementsOf(previewed.getPreviewedInvoices());
            assertThat(invoicesOf("studio-preview", invoices, 0)).isEmpty();
            CommandCompleted done = (CommandCompleted) answersTo("studio-real", results, 1).get(0);
            assertThat(done.getBookingsInvoiced()).isEqualTo(3);
            assertThat(done.getSkipped()).isEqualTo(previewed.getSkipped());
        }
    }

    /** A created invoice as a preview shows it (exact amounts, no ids), to compare the two field by field. */
    private static PreviewedInvoice asPreviewed(DraftInvoiceCreated invoice) {
        return new PreviewedInvoice(invoice.getCustomerNo(), invoice.getCustomerName(), invoice.getCurrency(),
                invoice.getBusinessIds(), invoice.getLines().size(), invoice.getExactTotalAmount(),
                invoice.getLines().stream().map(l -> new PreviewedLine(l.getBookingId(), l.getItemNo(),
                        l.getDescription(), l.getExactQuantity(), l.getExactUnitPrice(), l.getExactAmount())).toList());
    }

    private void assertNothingStoredBy(String commandId) {
        Query byCommand = Query.query(Criteria.where("commandId").is(commandId));
        assertThat(mongo.count(byCommand, BookingClaim.class)).as("claims").isZero();
        assertThat(plans.find(commandId)).as("plan").isEmpty();
        assertThat(mongo.count(byCommand, DraftInvoice.class)).as("invoices").isZero();
        assertThat(mongo.findById(commandId, CommandResult.class)).as("result").isNotNull();
    }

    /**
     * The same InvoiceBookings carried out three times at once (three threads, each in its own Kafka transaction,
     * as three instances would after a rebalance): one set of invoices, three identical results.
     */
    @Test
    void theSameCommandThreeTimesAtOnceMakesOneSetOfInvoicesAndThreeIdenticalResults() throws Exception {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("gym", "s-pt"), new ItemRegistered("item-gym", MONDAY,
                "gym", "s-pt", "I-PT", "Personal training", null, "HOUR", "SERVICES", null, null, null));
        for (String[] c : new String[][] { { "g1", "C00700" }, { "g2", "C00800" } }) {
            send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("gym", c[0]), new CustomerRegistered(
                    "reg-gym-" + c[0], MONDAY, "gym", c[0], c[1], "Member " + c[0], c[0] + "@example.com", "BOOKINGS",
                    true, null, null, null));
        }
        List<String> ids = List.of("gym/p1/g1", "gym/p2/g1", "gym/p3/g2");
        for (String id : ids) {
            String[] parts = id.split("/");
            AppointmentCompleted a = appointment(parts[1], "s-pt", "Personal training", MONDAY, 60, PriceType.hourly,
                    "40.00", parts[2]);
            a.setBusinessId("gym");
            send(producer, Topics.APPOINTMENTS, Keys.appointment("gym", parts[1]), a);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().map(this::row)
                .allMatch(r -> r != null && r.status() == BookingStatus.READY));

        try (TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            dev.bookingsinvoicing.invoicing.command.InvoiceCommand command = new dev.bookingsinvoicing.invoicing
                    .command.InvoiceCommand("gym-3x", "ops", dev.bookingsinvoicing.invoicing.command.InvoiceScope.ALL,
                            List.of(), null, "gym", null, null, null, null, false, null);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(3);
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(3);
            List<java.util.concurrent.Future<Object>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return kafka.executeInTransaction(t -> {
                        lifecycle.handle(invoiceHandler, command);
                        return "done";
                    });
                }));
            }
            for (java.util.concurrent.Future<Object> run : runs) {
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            threads.shutdown();

            List<Object> answers = answersTo("gym-3x", results, 3);
            assertThat(answers).hasSize(3).containsOnly(answers.get(0));
            CommandCompleted completed = (CommandCompleted) answers.get(0);
            assertThat(completed.getBookingsInvoiced()).isEqualTo(3);
            List<DraftInvoice> stored = mongo.findAll(DraftInvoice.class).stream()
                    .filter(i -> i.commandId().equals("gym-3x")).toList();
            assertThat(stored).extracting(DraftInvoice::id)
                    .containsExactlyInAnyOrderElementsOf(completed.getInvoiceIds()).hasSize(2);
            assertThat(ids).allSatisfy(id -> assertThat(completed.getInvoiceIds())
                    .contains(mongo.findById(id, BookingClaim.class).invoiceId()));
        }
    }

    /**
     * The dashboard API: the view filtered by business, status and a [from, to) range, sorted either way; totals
     * per customer and per status; draft invoices with their lines; the command history; and a clear 400 for every
     * parameter it cannot use.
     */
    @Test
    void theDashboardApiFiltersSortsTotalsAndExplainsBadParameters() {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        RestClient rest = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("viewer", "viewer")).build();
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("dash", "s-d"), new ItemRegistered("item-dash", MONDAY,
                "dash", "s-d", "I-D", "Coaching", null, "HOUR", "SERVICES", null, null, null));
        send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("dash", "d1"), new CustomerRegistered("reg-dash",
                MONDAY, "dash", "d1", "C00900", "Fay Gold", "d1@example.com", "BOOKINGS", true, null, null, null));
        String[][] bookings = { { "d1", "d1", "fixedPrice", "20.00" }, { "d2", "d1", "hourly", "40.00" },
                { "d3", "d9", "fixedPrice", "20.00" } };
        for (int i = 0; i < bookings.length; i++) {
            String[] b = bookings[i];
            AppointmentCompleted a = appointment(b[0], "s-d", "Coaching", MONDAY.plus(Duration.ofDays(i)), 60,
                    PriceType.valueOf(b[2]), b[3], b[1]);
            a.setBusinessId("dash");
            send(producer, Topics.APPOINTMENTS, Keys.appointment("dash", b[0]), a);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) view(rest, "businessId=dash&status=READY")
                .get("totalElements")).intValue() == 2 && ((Number) view(rest, "businessId=dash").get("totalElements"))
                        .intValue() == 3);

        assertThat(rows(view(rest, "businessId=dash&sort=start,desc"))).extracting(r -> r.get("id"))
                .containsExactly("dash/d3/d9", "dash/d2/d1", "dash/d1/d1");
        assertThat(rows(view(rest, "businessId=dash&from=2026-03-03&to=2026-03-04T09:00:00Z")))
                .extracting(r -> r.get("id")).containsExactly("dash/d2/d1");
        assertThat(rows(view(rest, "businessId=dash&status=unmatched_customer"))).extracting(r -> r.get("id"))
                .containsExactly("dash/d3/d9");

        Map<String, Object> byCustomer = rest.get().uri("/api/bookings-not-invoiced/totals?groupBy=customer"
                + "&businessId=dash").retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(byCustomer).containsEntry("bookings", 3);
        assertThat(rows(Map.of("content", byCustomer.get("groups")))).satisfiesExactly(
                fay -> assertThat(fay).containsEntry("key", "C00900").containsEntry("name", "Fay Gold")
                        .containsEntry("bookings", 2).containsEntry("amounts", Map.of("EUR", 60.0)),
                unmatched -> assertThat(unmatched).containsEntry("key", null).containsEntry("bookings", 1));
        Map<String, Object> byStatus = rest.get().uri("/api/bookings-not-invoiced/totals?groupBy=status"
                + "&businessId=dash").retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(rows(Map.of("content", byStatus.get("groups")))).extracting(g -> g.get("key"), g -> g.get("bookings"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("READY", 2),
                        org.assertj.core.groups.Tuple.tuple("UNMATCHED_CUSTOMER", 1));

        try (TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            InvoiceBookings fay = InvoiceBookings.newBuilder().setCommandId("dash-fay").setIssuedAt(MONDAY)
                    .setIssuedBy("ops").setScope(InvoiceScope.CUSTOMER).setCustomerNo("C00900").setBusinessId("dash")
                    .build();
            send(producer, Topics.INVOICING_COMMANDS, "dash-fay", fay);
            answersTo("dash-fay", results, 1);
        }
        Map<String, Object> drafts = rest.get().uri("/api/draft-invoices?customerNo=C00900").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(rows(drafts)).singleElement().satisfies(d -> assertThat((List<?>) d.get("lines")).hasSize(2));
        Map<String, Object> history = rest.get().uri("/api/commands?page=0&size=1000").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(rows(history)).filteredOn(c -> "dash-fay".equals(c.get("id"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("issuedBy", "ops").containsEntry("outcome", "COMPLETED")
                        .containsEntry("summary", "CUSTOMER C00900, business dash")
                        .containsEntry("bookingIds", List.of("dash/d1/d1", "dash/d2/d1")));

        assertThat(badRequest(rest, "/api/bookings-not-invoiced?status=NOPE")).contains("status must be one of READY");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced?sort=price,up")).contains("sort must be FIELD");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced?sort=start,up")).contains("asc or desc");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced?from=yesterday")).contains("from must be an ISO-8601");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced?from=2026-03-04&to=2026-03-01"))
                .contains("from must be before to");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced?page=x")).contains("page must be a whole number");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced?size=5000")).contains("size between 1 and 1000");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced/totals?groupBy=item"))
                .contains("groupBy must be customer or status");
        assertThat(badRequest(rest, "/api/bookings-not-invoiced/totals")).contains("groupBy is required");
        assertThat(badRequest(rest, "/api/commands?outcome=MAYBE")).contains("outcome must be COMPLETED or REJECTED");
    }

    /**
     * A booking's date is its LOCAL date everywhere. Given bookings of one business around 2 March in five zones (one
     * written with a Windows name, as older events are), whose UTC days differ from their local dates: the API's date
     * filter, the operator page's date filter and "Invoice all" on it, and an InvoiceBookings with fromDate/toDate all
     * select the same bookings, and the invoice lines are dated with the local date. Implausible prices are rows with
     * their reason until an operator prices them.
     */
    @Test
    void aBookingsDateIsItsLocalDateInTheApiOnThePageAndOnTheInvoice() throws Exception {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        RestClient rest = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("viewer", "viewer")).build();
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("tz", "s-tz"), new ItemRegistered("item-tz", MONDAY,
                "tz", "s-tz", "I-MASSAGE", "Massage", null, "HOUR", "SERVICES", null, null, null));
        send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("tz", "z1"), new CustomerRegistered("reg-tz",
                MONDAY, "tz", "z1", "C00700", "Zoe Tan", "z1@example.com", "BOOKINGS", true, null, null, null));
        // id, start (UTC), zone, minutes, price type, price; the local date by hand in the comment
        Object[][] bookings = {
                { "t-la", "2026-03-03T01:00:00Z", "America/Los_Angeles", 60, "fixedPrice", "50.00" }, // 17:00 PST, 2 Mar
                { "t-tokyo", "2026-03-02T23:00:00Z", "Tokyo Standard Time", 60, "fixedPrice", "50.00" }, // 08:00, 3 Mar
                { "t-utc", "2026-03-02T12:00:00Z", "UTC", 60, "fixedPrice", "50.00" }, // 2 Mar
                { "t-sydney", "2026-03-01T22:30:00Z", "Australia/Sydney", 60, "fixedPrice", "50.00" }, // 09:30, 2 Mar
                { "t-berlin", "2026-03-01T22:30:00Z", "Europe/Berlin", 60, "fixedPrice", "50.00" }, // 23:30 CET, 1 Mar
                { "t-neg", "2026-03-04T10:00:00Z", "UTC", 60, "fixedPrice", "-10.00" }, // 4 Mar
                { "t-zero", "2026-03-04T11:00:00Z", "UTC", 0, "hourly", "40.00" } }; // 4 Mar
        for (Object[] b : bookings) {
            AppointmentCompleted a = appointment((String) b[0], "s-tz", "Massage", Instant.parse((String) b[1]),
                    (Integer) b[3], PriceType.valueOf((String) b[4]), (String) b[5], "z1");
            a.setBusinessId("tz");
            a.setTimeZone((String) b[2]);
            send(producer, Topics.APPOINTMENTS, Keys.appointment("tz", (String) b[0]), a);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) view(rest, "businessId=tz&status=READY")
                .get("totalElements")).intValue() == 5 && ((Number) view(rest, "businessId=tz&status=NEEDS_PRICE")
                        .get("totalElements")).intValue() == 2);

        // the API: rows carry their local date and zone, and a date filter compares the local date (both ends in)
        Map<String, Map<String, Object>> byId = rows(view(rest, "businessId=tz&size=100")).stream()
                .collect(Collectors.toMap(r -> (String) r.get("id"), r -> r));
        assertThat(byId.get("tz/t-la/z1")).containsEntry("localDate", "2026-03-02")
                .containsEntry("timeZone", "America/Los_Angeles");
        assertThat(byId.get("tz/t-tokyo/z1")).containsEntry("localDate", "2026-03-03")
                .containsEntry("timeZone", "Asia/Tokyo");
        assertThat(byId.get("tz/t-berlin/z1")).containsEntry("localDate", "2026-03-01");
        List<String> secondOfMarch = rows(view(rest, "businessId=tz&from=2026-03-02&to=2026-03-02")).stream()
                .map(r -> (String) r.get("id")).toList();
        assertThat(secondOfMarch).containsExactlyInAnyOrder("tz/t-la/z1", "tz/t-utc/z1", "tz/t-sydney/z1");
        assertThat(rows(view(rest, "businessId=tz&sort=localDate,asc"))).extracting(r -> r.get("id"))
                .containsExactly("tz/t-berlin/z1", "tz/t-sydney/z1", "tz/t-utc/z1", "tz/t-la/z1", "tz/t-tokyo/z1",
                        "tz/t-neg/z1", "tz/t-zero/z1");

        // implausible prices: rows that need a price, with the reason, and no amount
        assertThat(byId.get("tz/t-neg/z1")).containsEntry("status", "NEEDS_PRICE")
                .containsEntry("reason", "negative price -10.00 in Bookings").containsEntry("amount", null);
        assertThat(byId.get("tz/t-zero/z1")).containsEntry("status", "NEEDS_PRICE")
                .containsEntry("reason", "hourly booking of 0 minutes").containsEntry("amount", null);

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            // InvoiceBookings with fromDate/toDate takes exactly what the API's date filter selected
            InvoiceBookings second = command("tz-2nd", InvoiceScope.ALL, List.of());
            second.setBusinessId("tz");
            second.setFromDate(java.time.LocalDate.of(2026, 3, 2));
            second.setToDate(java.time.LocalDate.of(2026, 3, 2));
            send(producer, Topics.INVOICING_COMMANDS, "tz-2nd", second);
            CommandCompleted completed = (CommandCompleted) answersTo("tz-2nd", results, 1).get(0);
            assertThat(completed.getBookingIds()).containsExactlyInAnyOrderElementsOf(secondOfMarch);
            assertThat(completed.getSkipped()).isEmpty();
            DraftInvoiceCreated invoice = invoicesOf("tz-2nd", invoices, 1).get(0);
            assertThat(invoice.getLines()).extracting(InvoiceLine::getBookingId, InvoiceLine::getDescription,
                    InvoiceLine::getServiceLocalDate, InvoiceLine::getTimeZone).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("tz/t-sydney/z1", "Massage - 2026-03-02",
                                    java.time.LocalDate.of(2026, 3, 2), "Australia/Sydney"),
                            org.assertj.core.groups.Tuple.tuple("tz/t-utc/z1", "Massage - 2026-03-02",
                                    java.time.LocalDate.of(2026, 3, 2), "UTC"),
                            org.assertj.core.groups.Tuple.tuple("tz/t-la/z1", "Massage - 2026-03-02",
                                    java.time.LocalDate.of(2026, 3, 2), "America/Los_Angeles"));
            // the stored draft (read by the dashboard API) has the same dates
            Map<String, Object> stored = rest.get().uri("/api/draft-invoices/" + invoice.getInvoiceId()).retrieve()
                    .body(new ParameterizedTypeReference<Map<String, Object>>() {
                    });
            assertThat(rows(Map.of("content", stored.get("lines")))).extracting(l -> l.get("serviceLocalDate"))
                    .containsOnly("2026-03-02");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> row("tz/t-la/z1") == null);

        // the page: a date filter shows the local dates, and "Invoice all" on it previews, then (confirmed) invoices,
        // exactly what it shows
        OperatorSession page = OperatorSession.signIn("http://localhost:" + port, "operator", "operator");
        String html = page.get("/bookings?businessId=tz&from=2026-03-01&to=2026-03-03");
        List<String> shown = OperatorSession.all(html, "data-booking-id=\"([^\"]+)\"");
        assertThat(shown).containsExactlyInAnyOrder("tz/t-berlin/z1", "tz/t-tokyo/z1")
                .containsExactlyInAnyOrderElementsOf(rows(view(rest, "businessId=tz&from=2026-03-01&to=2026-03-03"))
                        .stream().map(r -> (String) r.get("id")).toList());
        assertThat(html).contains("2026-03-03 08:00", "Asia/Tokyo", "2026-03-01 23:30", "Europe/Berlin");
        String location = page.post("/bookings/actions", Map.of("action", "invoice-all",
                "token", OperatorSession.first(html, "name=\"token\" value=\"([^\"]+)\""),
                "_csrf", OperatorSession.first(html, "name=\"_csrf\" value=\"([^\"]+)\""),
                "businessId", "tz", "from", "2026-03-01", "to", "2026-03-03"));
        assertThat(location).contains("/actions/");
        OperatorAction preview = mongo.findById(location.substring(location.lastIndexOf('/') + 1),
                OperatorAction.class);
        assertThat(preview.commandIds()).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(preview.commandIds().get(0),
                CommandResult.class) != null);
        assertThat(mongo.findById(preview.commandIds().get(0), CommandResult.class).previewedInvoices().stream()
                .flatMap(i -> i.lines().stream()).map(l -> l.bookingId())).containsExactlyInAnyOrderElementsOf(shown);
        String previewPage = page.get(location.substring(location.indexOf("/actions/")));
        assertThat(previewPage).contains("id=\"confirm-invoices\"");
        String confirmed = page.post("/bookings/actions", Map.of("action", "invoice-all", "confirmed", "true",
                "token", OperatorSession.first(previewPage, "name=\"token\" value=\"([^\"]+)\""),
                "_csrf", OperatorSession.first(previewPage, "name=\"_csrf\" value=\"([^\"]+)\""),
                "businessId", "tz", "from", "2026-03-01", "to", "2026-03-03"));
        OperatorAction action = mongo.findById(confirmed.substring(confirmed.lastIndexOf('/') + 1),
                OperatorAction.class);
        assertThat(action.commandIds()).hasSize(1).doesNotContainAnyElementsOf(preview.commandIds());
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(action.commandIds().get(0),
                CommandResult.class) != null);
        assertThat(mongo.findById(action.commandIds().get(0), CommandResult.class).bookingIds())
                .containsExactlyInAnyOrderElementsOf(shown);

        // an operator's price makes the implausible bookings ready, like any booking that needs a price
        send(producer, Topics.INVOICING_COMMANDS, "tz-price", SetBookingPrice.newBuilder().setCommandId("tz-price")
                .setIssuedAt(MONDAY).setIssuedBy("ops").setBookingIds(List.of("tz/t-neg/z1", "tz/t-zero/z1"))
                .setUnitPrice(new BigDecimal("12.00")).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("tz/t-neg/z1", "tz/t-zero/z1").stream()
                .map(this::row).allMatch(r -> r.status() == BookingStatus.READY));
        assertThat(row("tz/t-neg/z1").amount()).isEqualByComparingTo("12.00");
        assertThat(row("tz/t-zero/z1").amount()).isEqualByComparingTo("12.00");
    }

    private static String badRequest(RestClient rest, String uri) {
        return rest.get().uri(uri).exchange((request, response) -> {
            assertThat(response.getStatusCode().value()).as(uri).isEqualTo(400);
            return new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    private static List<DraftInvoiceDeleted> deletions(TopicReader invoices, String invoiceId, int count) {
        List<DraftInvoiceDeleted> found = new java.util.ArrayList<>();
        invoices.awaitRaw(records -> {
            found.clear();
            records.stream().map(r -> dev.bookingsinvoicing.schemas.EventSchemas.get().decode(r.value()))
                    .filter(v -> v instanceof DraftInvoiceDeleted d && d.getInvoiceId().equals(invoiceId))
                    .forEach(v -> found.add((DraftInvoiceDeleted) v));
            return found.size() >= count;
        }, Duration.ofSeconds(60));
        return found;
    }

    static List<DraftInvoiceCreated> invoicesOf(String commandId, TopicReader invoices, int count) {
        List<DraftInvoiceCreated> found = new java.util.ArrayList<>();
        invoices.awaitRaw(records -> {
            found.clear();
            records.stream().map(r -> dev.bookingsinvoicing.schemas.EventSchemas.get().decode(r.value()))
                    .filter(v -> v instanceof DraftInvoiceCreated i && i.getCommandId().equals(commandId))
                    .forEach(v -> found.add((DraftInvoiceCreated) v));
            return found.size() >= count;
        }, Duration.ofSeconds(60));
        return found;
    }

    static List<Object> answersTo(String commandId, TopicReader results, int count) {
        List<Object> answers = new java.util.ArrayList<>();
        results.awaitRaw(records -> {
            answers.clear();
            records.stream().map(r -> (Object) dev.bookingsinvoicing.schemas.EventSchemas.get().decode(r.value()))
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

    private static Map<String, Object> view(RestClient rest, String query) {
        return rest.get().uri("/api/bookings-not-invoiced?" + query).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("content");
    }

    static AppointmentCompleted appointment(String id, String serviceId, String serviceName, Instant start,
            int minutes, PriceType priceType, String price, String... customers) {
        return AppointmentCompleted.newBuilder()
                .setEventId("appt-" + id).setOccurredAt(start.plus(Duration.ofHours(2)))
                .setBusinessId("salon").setAppointmentId(id).setRevision("r1")
                .setServiceId(serviceId).setServiceName(serviceName)
                .setStart(start).setEnd(start.plus(Duration.ofMinutes(minutes)))
                .setPriceType(priceType).setPrice(price == null ? null : new BigDecimal(price)).setCurrency("EUR")
                .setAttendees(Arrays.stream(customers).map(c -> new Attendee(c, "Name " + c, c + "@example.com",
                        null)).toList())
                .build();
    }

    private static InvoiceBookings command(String id, InvoiceScope scope, List<String> bookingIds) {
        return InvoiceBookings.newBuilder().setCommandId(id).setIssuedAt(MONDAY).setIssuedBy("test")
                .setScope(scope).setBookingIds(bookingIds).build();
    }

    static void send(KafkaTemplate<String, SpecificRecord> producer, String topic, String key,
            SpecificRecord value) {
        producer.send(topic, key, value).join();
    }
}
