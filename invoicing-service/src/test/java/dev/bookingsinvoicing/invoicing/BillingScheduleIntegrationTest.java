package dev.bookingsinvoicing.invoicing;

import static dev.bookingsinvoicing.invoicing.InvoicingIntegrationTest.answersTo;
import static dev.bookingsinvoicing.invoicing.InvoicingIntegrationTest.appointment;
import static dev.bookingsinvoicing.invoicing.InvoicingIntegrationTest.invoicesOf;
import static dev.bookingsinvoicing.invoicing.InvoicingIntegrationTest.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PreviewedInvoice;
import dev.bookingsinvoicing.events.PreviewedLine;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.invoicing.command.CommandResult;
import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;
import dev.bookingsinvoicing.invoicing.schedule.BillingSchedule;
import dev.bookingsinvoicing.invoicing.schedule.BillingScheduleRunner;
import dev.bookingsinvoicing.invoicing.schedule.BillingScheduleStore;
import dev.bookingsinvoicing.invoicing.schedule.ScheduleScope;
import dev.bookingsinvoicing.invoicing.schedule.ScheduledRun;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.command.CommandSender;
import dev.bookingsinvoicing.invoicing.web.OperatorAction;
import dev.bookingsinvoicing.invoicing.web.OperatorSession;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Scheduled billing runs and grouping on the real broker and store, with runners on clocks the test sets (the
 * service's own tick is an hour away): a preview per customer and month shows the invoices the scheduled run then
 * creates; two instances running the same slot send one command id and invoice once; after missed slots a restarted
 * instance runs the latest and records the others as skipped; the run is in the command history under the schedule's
 * name. Schedules are managed over REST, with clear refusals. The page's "Invoice all" previews and invoices with the
 * grouping chosen.
 */
@InvoicingServiceTest
@TestPropertySource(properties = {
        "bookings.invoicing.schedules.tick=1h",
        "bookings.security.users[0].name=operator",
        "bookings.security.users[0].password={noop}operator",
        "bookings.security.users[0].roles=OPERATOR",
        "bookings.security.users[1].name=viewer",
        "bookings.security.users[1].password={noop}viewer",
        "bookings.security.users[1].roles=VIEWER",
        "bookings.security.users[2].name=north",
        "bookings.security.users[2].password={noop}north",
        "bookings.security.users[2].roles=OPERATOR",
        "bookings.security.users[2].businesses=clinic,spa" })
@SuppressWarnings("unchecked")
class BillingScheduleIntegrationTest {

    private static final Instant REGISTERED = Instant.parse("2026-02-01T09:00:00Z");

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-schedules");
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    BillingScheduleStore schedules;

    @Autowired
    CommandSender sender;

    @LocalServerPort
    int port;

    @Test
    void eachSlotInvoicesOnceWhateverTheInstancesAndMissedSlotsAreSkippedForTheLatest() throws Exception {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        // Given: Ann's haircuts on 20 February, 10 March and 31 March, Bob's on 10 March, in a Berlin salon
        for (String[] c : new String[][] { { "c1", "C00010", "Ann Smith" }, { "c2", "C00020", "Bob Jones" } }) {
            send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("salon", c[0]), new CustomerRegistered(
                    "reg-" + c[0], REGISTERED, "salon", c[0], c[1], c[2], c[0] + "@example.com", "BOOKINGS", true,
                    null, null, null));
        }
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("salon", "s-cut"), new ItemRegistered("item-cut",
                REGISTERED, "salon", "s-cut", "I-CUT", "Haircut", null, "PCS", "SERVICES", null, null, null));
        Object[][] haircuts = { { "a1", "2026-02-20T09:00:00Z", "10.00", "c1" },
                { "a2", "2026-03-10T09:00:00Z", "20.00", "c1" }, { "a3", "2026-03-10T10:00:00Z", "30.00", "c2" },
                { "a4", "2026-03-31T09:00:00Z", "40.00", "c1" } };
        for (Object[] h : haircuts) {
            send(producer, Topics.APPOINTMENTS, Keys.appointment("salon", (String) h[0]), appointment((String) h[0],
                    "s-cut", "Haircut", Instant.parse((String) h[1]), 30, PriceType.fixedPrice, (String) h[2],
                    (String) h[3]));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("businessId")
                .is("salon").and("status").is(BookingStatus.READY)), BookingRow.class) == 4);

        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            // When: an operator previews what a run per customer and month up to 30 March would invoice
            InvoiceBookings preview = InvoiceBookings.newBuilder().setCommandId("preview-1")
                    .setIssuedAt(REGISTERED).setIssuedBy("operator").setScope(InvoiceScope.ALL)
                    .setBusinessId("salon").setToDate(LocalDate.of(2026, 3, 30)).setPreview(true)
                    .setGrouping(dev.bookingsinvoicing.commands.InvoiceGrouping.CUSTOMER_AND_MONTH).build();
            send(producer, Topics.INVOICING_COMMANDS, "preview-1", preview);

            // Then: Ann gets one invoice for February and one for March, Bob one for March
            CommandCompleted previewed = (CommandCompleted) answersTo("preview-1", results, 1).get(0);
            assertThat(previewed.getPreviewedInvoices()).extracting(PreviewedInvoice::getCustomerNo,
                    i -> i.getLines().stream().map(PreviewedLine::getBookingId).toList()).containsExactly(
                            tuple("C00010", List.of("salon/a1/c1")), tuple("C00010", List.of("salon/a2/c1")),
                            tuple("C00020", List.of("salon/a3/c2")));

            // Given: the same as a schedule, every day at 06:00 in Berlin, saved on 30 March
            schedules.save("salon", "0 0 6 * * *", "Europe/Berlin", ScheduleScope.UP_TO_END_OF_PREVIOUS_DAY,
                    InvoiceGrouping.CUSTOMER_AND_MONTH, true, Instant.parse("2026-03-30T12:00:00Z"), "operator");

            // When: two instances look at 06:30 on 31 March (04:30 UTC, summer time) and both run the slot
            Clock at0630 = Clock.fixed(Instant.parse("2026-03-31T04:30:00Z"), ZoneOffset.UTC);
            BillingScheduleRunner one = new BillingScheduleRunner(schedules, sender, at0630);
            BillingScheduleRunner two = new BillingScheduleRunner(schedules, sender, at0630);
            List<ScheduledRun> seenByOne = one.due();
            List<ScheduledRun> seenByTwo = two.due();
            assertThat(seenByOne).hasSize(1);
            assertThat(seenByTwo).hasSize(1);
            String firstRun = ScheduledRun.commandId("salon", Instant.parse("2026-03-31T04:00:00Z"));
            assertThat(seenByOne.get(0).commandId()).isEqualTo(firstRun).isEqualTo(seenByTwo.get(0).commandId());
            assertThat(one.run(seenByOne.get(0))).as("the first instance records the slot").isTrue();
            assertThat(two.run(seenByTwo.get(0))).as("the second finds it recorded").isFalse();

            // Then: one command answered twice with the same result, the previewed invoices created once
            List<Object> answers = answersTo(firstRun, results, 2);
            assertThat(answers.get(1)).isEqualTo(answers.get(0));
            CommandCompleted ran = (CommandCompleted) answers.get(0);
            assertThat(ran.getBookingsInvoiced()).isEqualTo(3);
            List<DraftInvoiceCreated> created = invoicesOf(firstRun, invoices, 6);
            assertThat(created.stream().map(DraftInvoiceCreated::getInvoiceId).distinct().toList())
                    .as("the second delivery publishes the same invoices again, same ids")
                    .containsExactlyInAnyOrderElementsOf(ran.getInvoiceIds()).hasSize(3);
            assertThat(created.subList(0, 3)).extracting(DraftInvoiceCreated::getCustomerNo,
                    i -> i.getLines().stream().map(InvoiceLine::getBookingId).toList()).containsExactly(
                            tuple("C00010", List.of("salon/a1/c1")), tuple("C00010", List.of("salon/a2/c1")),
                            tuple("C00020", List.of("salon/a3/c2")));
            assertThat(mongo.count(Query.query(Criteria.where("commandId").is(firstRun)), DraftInvoice.class))
                    .isEqualTo(3);
            assertThat(one.due()).as("nothing more is due at 06:30").isEmpty();

            // When: no instance runs from then until 3 April 14:00, when one starts again
            Clock restarted = Clock.fixed(Instant.parse("2026-04-03T12:00:00Z"), ZoneOffset.UTC);
            List<ScheduledRun> afterRestart = new BillingScheduleRunner(schedules, sender, restarted).runDue();

            // Then: only 3 April's slot runs, up to 2 April, and 1 and 2 April are recorded as skipped
            String latest = ScheduledRun.commandId("salon", Instant.parse("2026-04-03T04:00:00Z"));
            assertThat(afterRestart).extracting(ScheduledRun::commandId).containsExactly(latest);
            CommandCompleted caughtUp = (CommandCompleted) answersTo(latest, results, 1).get(0);
            assertThat(invoicesOf(latest, invoices, 1)).singleElement().satisfies(i -> {
                assertThat(i.getCustomerNo()).isEqualTo("C00010");
                assertThat(i.getLines()).extracting(InvoiceLine::getBookingId).containsExactly("salon/a4/c1");
            });
            assertThat(caughtUp.getBookingsInvoiced()).isEqualTo(1);
            BillingSchedule schedule = schedules.find("salon").orElseThrow();
            assertThat(schedule.lastSlot()).isEqualTo(Instant.parse("2026-04-03T04:00:00Z"));
            assertThat(schedule.lastCommandId()).isEqualTo(latest);
            assertThat(schedule.lastSkipped()).containsExactly(Instant.parse("2026-04-01T04:00:00Z"),
                    Instant.parse("2026-04-02T04:00:00Z"));
            assertThat(schedule.lastSkippedCount()).isEqualTo(2);

            // and the command history shows the run as the schedule's, what it took and how it grouped
            RestClient viewer = rest("viewer", "viewer");
            Map<?, ?> history = viewer.get().uri("/api/commands/" + latest).retrieve().body(Map.class);
            assertThat(history.get("issuedBy")).isEqualTo("schedule:salon");
            assertThat(history.get("summary")).isEqualTo("ALL, business salon, to date 2026-04-02, per customer and "
                    + "month");
            Map<?, ?> shown = viewer.get().uri("/api/businesses/salon/billing-schedule").retrieve().body(Map.class);
            assertThat(shown.get("lastCommandId")).isEqualTo(latest);
            assertThat(shown.get("lastSkippedCount")).isEqualTo(2);

            // and so does the page: the last run links to its command, the missed slots are listed
            String page = OperatorSession.signIn("http://localhost:" + port, "viewer", "viewer")
                    .get("/billing-schedules");
            assertThat(page).contains("salon", "0 0 6 * * *", "Europe/Berlin", "Up to end of previous day",
                    "per customer and month", "2026-04-03 04:00", "/commands/" + latest,
                    "missed: 2026-04-01 04:00, 2026-04-02 04:00");
        }
    }

    @Test
    void theOperatorPageInvoicesAllGroupedAsChosenAndItsPreviewShowsTheGrouping() throws Exception {
        KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer()));
        // Given: a gym customer with classes on 30 January and on 2 and 3 February
        send(producer, Topics.CUSTOMER_REGISTRATIONS, Keys.customer("gym", "g1"), new CustomerRegistered("reg-g1",
                REGISTERED, "gym", "g1", "C00500", "Gina Gym", "g1@example.com", "BOOKINGS", true, null, null, null));
        send(producer, Topics.ITEM_REGISTRATIONS, Keys.service("gym", "s-class"), new ItemRegistered("item-class",
                REGISTERED, "gym", "s-class", "I-CLASS", "Class", null, "PCS", "SERVICES", null, null, null));
        for (String[] c : new String[][] { { "g-1", "2026-01-30T17:00:00Z" }, { "g-2", "2026-02-02T17:00:00Z" },
                { "g-3", "2026-02-03T17:00:00Z" } }) {
            var booked = appointment(c[0], "s-class", "Class", Instant.parse(c[1]), 60, PriceType.fixedPrice,
                    "15.00", "g1");
            booked.setBusinessId("gym");
            send(producer, Topics.APPOINTMENTS, Keys.appointment("gym", c[0]), booked);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(Query.query(Criteria.where("businessId")
                .is("gym").and("status").is(BookingStatus.READY)), BookingRow.class) == 3);

        // When: an operator previews "Invoice all" of the gym per customer and month
        OperatorSession page = OperatorSession.signIn("http://localhost:" + port, "operator", "operator");
        String html = page.get("/bookings?businessId=gym");
        assertThat(html).contains("<option value=\"CUSTOMER_AND_MONTH\">per customer and month</option>");
        String location = page.post("/bookings/actions", Map.of("action", "invoice-all", "businessId", "gym",
                "grouping", "CUSTOMER_AND_MONTH",
                "token", OperatorSession.first(html, "name=\"token\" value=\"([^\"]+)\""),
                "_csrf", OperatorSession.first(html, "name=\"_csrf\" value=\"([^\"]+)\"")));

        // Then: the preview shows two drafts, January's and February's
        OperatorAction preview = mongo.findById(location.substring(location.lastIndexOf('/') + 1),
                OperatorAction.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(preview.commandIds().get(0),
                CommandResult.class) != null);
        CommandResult previewed = mongo.findById(preview.commandIds().get(0), CommandResult.class);
        assertThat(previewed.previewedInvoices()).extracting(i -> i.lines().stream()
                .map(dev.bookingsinvoicing.invoicing.command.PreviewedInvoice.Line::bookingId).toList())
                .containsExactly(List.of("gym/g-1/g1"), List.of("gym/g-2/g1", "gym/g-3/g1"));
        String previewPage = page.get(location.substring(location.indexOf("/actions/")));
        assertThat(previewPage).contains("per customer and month");

        // When: it is confirmed, as the preview's form posts it
        String confirmAt = OperatorSession.first(previewPage, "id=\"confirm-form\"[^>]*action=\"([^\"]+)\"")
                .replace("&amp;", "&");
        assertThat(confirmAt).contains("grouping=CUSTOMER_AND_MONTH");
        String confirmed = page.post(confirmAt.substring(confirmAt.indexOf("/bookings/actions")), Map.of(
                "action", "invoice-all", "confirmed", "true",
                "token", OperatorSession.first(previewPage, "name=\"token\" value=\"([^\"]+)\""),
                "_csrf", OperatorSession.first(previewPage, "name=\"_csrf\" value=\"([^\"]+)\"")));

        // Then: the two previewed drafts are created
        OperatorAction action = mongo.findById(confirmed.substring(confirmed.lastIndexOf('/') + 1),
                OperatorAction.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(action.commandIds().get(0),
                CommandResult.class) != null);
        assertThat(mongo.find(Query.query(Criteria.where("commandId").is(action.commandIds().get(0))),
                DraftInvoice.class)).extracting(i -> i.lines().stream()
                        .map(dev.bookingsinvoicing.invoicing.command.InvoiceLine::bookingId).toList())
                .containsExactlyInAnyOrder(List.of("gym/g-1/g1"), List.of("gym/g-2/g1", "gym/g-3/g1"));
    }

    @Test
    void schedulesAreManagedOverRestForTheUsersBusinessesAndABadOneIsRefusedSayingWhy() {
        RestClient operator = rest("operator", "operator");
        String path = "/api/businesses/clinic/billing-schedule";

        // a schedule every 1 January at 06:00 in Berlin: its next slot is the coming 1 January, 05:00 UTC
        Map<String, Object> saved = operator.put().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cron", "0 0 6 1 1 *", "timeZone", "Europe/Berlin", "scope",
                        "up_to_end_of_previous_month"))
                .retrieve().body(Map.class);
        int nextYear = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
        assertThat(saved).containsEntry("businessId", "clinic").containsEntry("cron", "0 0 6 1 1 *")
                .containsEntry("scope", "UP_TO_END_OF_PREVIOUS_MONTH").containsEntry("grouping", null)
                .containsEntry("enabled", true).containsEntry("nextSlot", nextYear + "-01-01T05:00:00Z")
                .containsEntry("lastSlot", null).containsEntry("updatedBy", "operator");
        assertThat(rest("viewer", "viewer").get().uri(path).retrieve().body(Map.class)).isEqualTo(saved);
        assertThat(rest("north", "north").get().uri("/api/billing-schedules").retrieve().body(List.class))
                .containsExactly(saved);

        Map<String, Object> disabled = operator.put().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cron", "@daily", "timeZone", "UTC", "scope", "ALL_READY", "grouping",
                        "customer-and-business", "enabled", false))
                .retrieve().body(Map.class);
        assertThat(disabled).containsEntry("grouping", "CUSTOMER_AND_BUSINESS").containsEntry("enabled", false)
                .containsEntry("nextSlot", null);

        assertThat(refusal(operator, path, Map.of("cron", "0 6 * * MON", "timeZone", "UTC", "scope", "ALL_READY")))
                .contains("cron '0 6 * * MON' is not a cron expression", "six fields");
        assertThat(refusal(operator, path, Map.of("cron", "@daily", "timeZone", "CEST", "scope", "ALL_READY")))
                .contains("timeZone 'CEST' is not an IANA time zone id");
        assertThat(refusal(operator, path, Map.of("cron", "@daily", "timeZone", "UTC", "scope", "WEEKLY")))
                .contains("scope 'WEEKLY' is not one of ALL_READY, UP_TO_END_OF_PREVIOUS_DAY, "
                        + "UP_TO_END_OF_PREVIOUS_WEEK, UP_TO_END_OF_PREVIOUS_MONTH");
        assertThat(refusal(operator, path, Map.of("cron", "@daily", "timeZone", "UTC"))).contains("scope is required");
        assertThat(refusal(operator, path, Map.of("cron", "@daily", "timeZone", "UTC", "scope", "ALL_READY",
                "grouping", "per-business"))).contains("grouping 'per-business' is not one of CUSTOMER, "
                        + "CUSTOMER_AND_BUSINESS, CUSTOMER_AND_MONTH");
        assertThat(operator.get().uri(path).retrieve().body(Map.class)).as("a refused change changes nothing")
                .isEqualTo(disabled);

        Map<String, Object> valid = Map.of("cron", "@daily", "timeZone", "UTC", "scope", "ALL_READY");
        assertThat(status(rest("viewer", "viewer").put().uri(path), valid)).isEqualTo(403);
        assertThat(status(rest("north", "north").put().uri("/api/businesses/salon/billing-schedule"), valid))
                .isEqualTo(403);

        assertThat(operator.delete().uri(path).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(204);
        assertThat(status(operator.get().uri(path))).isEqualTo(404);
        assertThat(status(operator.delete().uri(path))).isEqualTo(404);

        assertThat(operator.get().uri("/v3/api-docs").retrieve().body(String.class))
                .contains("/api/businesses/{businessId}/billing-schedule", "/api/billing-schedules");
    }

    private RestClient rest(String user, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(user, password)).build();
    }

    private static int status(RestClient.RequestBodySpec request, Map<String, Object> body) {
        return status(request.contentType(MediaType.APPLICATION_JSON).body(body));
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        Integer status = request.exchange((req, response) -> response.getStatusCode().value());
        return status;
    }

    /** The problem detail of a refused PUT (400, application/problem+json). */
    private static String refusal(RestClient operator, String path, Map<String, Object> body) {
        return operator.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange((req, response) -> {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
            Map<?, ?> problem = response.bodyTo(Map.class);
            assertThat(problem.get("title")).isEqualTo("Bad billing schedule");
            return (String) problem.get("detail");
        });
    }
}
