package dev.bookingsinvoicing.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.BookingsRecordQuarantined;
import dev.bookingsinvoicing.events.BookingsRecordReleased;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.service.testing.OperatorEndpoints;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.Faults.Endpoint;
import dev.bookingsinvoicing.simulator.Faults.Fault;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Appointment;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Attendee;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Customer;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Service;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.TopicContents.Event;
import dev.bookingsinvoicing.sync.TopicContents;
import dev.bookingsinvoicing.sync.domain.BusinessRunSummary;
import dev.bookingsinvoicing.sync.domain.RunSummary;
import dev.bookingsinvoicing.sync.observability.SyncStatus;
import dev.bookingsinvoicing.sync.setup.BookingSyncSetup;
import dev.bookingsinvoicing.sync.setup.SetupStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sync against the Graph simulator (through the real Graph SDK), a real embedded Kafka broker and the embedded
 * MongoDB server, one Spring context. Each test uses its own Bookings business of the simulated tenant and runs only
 * that one, as of a fixed instant, so the tests do not see each other's events.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=booking-sync-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "bookings.kafka.topics.partitions=1",
        // the test drives runs itself, as of a fixed instant
        "bookings.sync.enabled=false",
        "bookings.sync.graph.backoff-initial=PT0.1S",
        // the tests travel in time by days; reconciliation runs are asked for explicitly
        "bookings.sync.reconcile-interval=P30D",
        // set although the simulator needs a static token: it must never show
        "bookings.sync.graph.client-secret=Very-S3cret-Client-Value" })
class BookingSyncIntegrationTest {

    // mid-way between two 15-minute slots of the simulator, so "now" never coincides with an appointment's end
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(52));
    static final Duration OVERLAP = Duration.ofMinutes(15);
    // a tidy tenant: the tests make the records the sync cannot use themselves (EndToEndTest covers the simulator's)
    static final BookingsSimulator SIMULATOR = BookingsSimulator.start(SimulatorSettings.defaults()
            .withImplausibleRecords(false).withPageSize(10).withVolume(7, 10, 8, 60)
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    static final TestMongo MONGO = new TestMongo();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("booking-sync"));
        registry.add("bookings.sync.graph.base-url", SIMULATOR::baseUrl);
        registry.add("bookings.sync.graph.auth", () -> "static-token");
        registry.add("bookings.sync.graph.static-token", SIMULATOR::accessToken);
        // business 0 is seeded from configuration; the tests add the others over the setup API
        registry.add("bookings.sync.businesses[0].id", () -> tenant(0).id());
        registry.add("bookings.sync.businesses[0].display-name", () -> "Contoso Salon");
        registry.add("bookings.sync.businesses[0].item-filter", () -> "hidden=false");
    }

    @AfterAll
    static void stop() {
        SIMULATOR.close();
        MONGO.close();
    }

    @Autowired
    SyncRunner runner;

    @Autowired
    SyncStatus status;

    @Autowired
    SetupStore setups;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Value("${local.server.port}")
    int port;

    @Test
    void twoBusinessesOneSyncingCustomersOnlyPublishExactlyWhatTheirSetupsSay() throws Exception {
        Business salon = tenant(0);
        Business consulting = tenant(1);

        // Given the salon seeded from configuration (hidden services filtered out) ...
        HttpResponse<String> seeded = http("GET", "/api/sync/setup/" + salon.id(), null, null);
        assertThat(seeded.statusCode()).isEqualTo(200);
        assertThat(seeded.body()).contains("\"itemFilter\":\"hidden=false\"").contains("Contoso Salon");
        // ... changes need a SYNC_ADMIN, and a wrong filter is refused when it is set, naming the setting
        assertThat(http("PUT", "/api/sync/setup/" + consulting.id(), "{\"syncServices\":false}", null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> wrong = http("PUT", "/api/sync/setup/" + consulting.id(), "{\"itemFilter\":\"price=1\"}",
                ADMIN);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("item-filter");
        // ... and the consultancy added over the API syncing customers but no services
        HttpResponse<String> added = http("PUT", "/api/sync/setup/" + consulting.id(),
                "{\"displayName\":\"Fabrikam Consulting\",\"syncServices\":false,\"customerTemplateCode\":\"B2B\"}",
                ADMIN);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

        // When both are synced
        RunSummary run = runner.run(new SyncRunner.Request(NOW, false, false, List.of(salon.id(), consulting.id())));
        assertThat(run.businesses()).hasSize(2).allMatch(b -> b.error() == null);

        // Then the salon published its visible services, every customer and every completed appointment ...
        assertThat(keys(Topics.SERVICES, salon)).containsExactlyInAnyOrderElementsOf(salon.services().stream()
                .filter(s -> !s.hiddenFromCustomers()).map(s -> Keys.service(salon.id(), s.id())).toList());
        assertThat(salon.services()).anyMatch(Service::hiddenFromCustomers);
        assertThat(keys(Topics.CUSTOMERS, salon)).containsExactlyInAnyOrderElementsOf(customerKeys(salon));
        assertThat(keys(Topics.APPOINTMENTS, salon)).containsExactlyInAnyOrderElementsOf(completedKeys(salon, NOW));
        // ... and the consultancy no service at all, but its customers and completed appointments
        assertThat(keys(Topics.SERVICES, consulting)).isEmpty();
        List<Event> consultingCustomers = events(Topics.CUSTOMERS, consulting);
        assertThat(consultingCustomers).extracting(Event::key)
                .containsExactlyInAnyOrderElementsOf(customerKeys(consulting));
        assertThat(keys(Topics.APPOINTMENTS, consulting))
                .containsExactlyInAnyOrderElementsOf(completedKeys(consulting, NOW));
        assertThat(http("GET", "/api/sync/setup/" + consulting.id(), null, null).body())
                .contains("\"lastCustomerSync\":\"").contains("\"lastServiceSync\":null");

        // When the consultancy's customer filter changes, its last customer sync is cleared ...
        HttpResponse<String> filtered = http("PUT", "/api/sync/setup/" + consulting.id(),
                "{\"customerFilter\":\"email=*@*\"}", ADMIN);
        assertThat(filtered.body()).contains("\"lastCustomerSync\":null");
        runner.run(new SyncRunner.Request(NOW, false, false, List.of(consulting.id())));

        // ... and the next run publishes every customer the new filter accepts again (same event ids), nothing else
        List<Customer> withEmail = consulting.customers().stream().filter(c -> c.emailAddress() != null).toList();
        assertThat(withEmail).hasSizeLessThan(consulting.customers().size());
        List<Event> afterResync = events(Topics.CUSTOMERS, consulting);
        assertThat(afterResync).hasSize(consultingCustomers.size() + withEmail.size());
        assertThat(afterResync.subList(consultingCustomers.size(), afterResync.size())).extracting(Event::key)
                .containsExactlyInAnyOrderElementsOf(
                        withEmail.stream().map(c -> Keys.customer(consulting.id(), c.id())).toList());
        assertThat(eventIds(afterResync)).containsExactlyInAnyOrderElementsOf(eventIds(consultingCustomers));
        assertThat(keys(Topics.SERVICES, consulting)).isEmpty();
        assertThat(keys(Topics.APPOINTMENTS, consulting)).hasSize(completedKeys(consulting, NOW).size());
        assertThat(setups.find(consulting.id()).orElseThrow().lastCustomerSync()).isNotNull();

        // and once resynced, nothing more
        assertThat(runner.run(new SyncRunner.Request(NOW, false, false, List.of(consulting.id()))).published())
                .isZero();

        // A business with its own sync interval is skipped by the schedule until it is due: both just ran, the
        // consultancy syncs hourly, the salon (after the change) every millisecond
        http("PUT", "/api/sync/setup/" + consulting.id(), "{\"syncInterval\":\"PT1H\"}", ADMIN);
        SyncRunner.Request scheduled = new SyncRunner.Request(null, false, true, List.of(salon.id(), consulting.id()));
        assertThat(runner.run(scheduled).businesses()).isEmpty();
        http("PUT", "/api/sync/setup/" + salon.id(), "{\"syncInterval\":\"PT0.001S\"}", ADMIN);
        assertThat(runner.run(scheduled).businesses()).extracting(BusinessRunSummary::businessId)
                .containsExactly(salon.id());
    }

    @Test
    void incrementalRunsReadFromTheWatermarkAndStillSeeChangesAndCancellations() throws Exception {
        Business b = tenant(2);
        http("PUT", "/api/sync/setup/" + b.id(), "{}", ADMIN);
        Instant weekAgo = NOW.minus(Duration.ofDays(7));

        // Given a first (full-window) run a week ago
        BusinessRunSummary first = runOnly(b, weekAgo, false);
        assertThat(first.fullWindow()).isTrue();
        assertThat(first.windowStart()).isEqualTo(weekAgo.minus(Duration.ofDays(90)));
        assertThat(setups.find(b.id()).orElseThrow().appointmentWatermark()).isEqualTo(weekAgo);

        // When it runs now, it reads only from the watermark minus the overlap, and publishes what completed since
        Appointment late = addAppointment(b, "late-1", NOW.minus(Duration.ofMinutes(5)));
        Appointment gone = addAppointment(b, "late-2", NOW.minus(Duration.ofMinutes(2)));
        BusinessRunSummary incremental = runOnly(b, NOW, false);
        assertThat(incremental.fullWindow()).isFalse();
        assertThat(incremental.windowStart()).isEqualTo(weekAgo.minus(OVERLAP));
        assertThat(SIMULATOR.requests()).anyMatch(r -> r.contains("/calendarView?")
                && r.contains("start=" + weekAgo.minus(OVERLAP)) && r.contains(b.id()));
        assertThat(incremental.appointmentsPublished()).isEqualTo(
                completedKeys(b, NOW).size() - completedKeys(b, weekAgo).size()).isGreaterThan(2);
        assertThat(countsPerAppointment(b).values()).allMatch(n -> n == 1);
        assertThat(countsPerAppointment(b).keySet()).containsExactlyInAnyOrderElementsOf(completedKeys(b, NOW));

        // When an appointment inside the next window (the overlap) changes price: one new revision, new event id
        Instant later = NOW.plus(Duration.ofMinutes(5)); // no appointment ends in between: they end on quarter hours
        AppointmentCompleted before = lastCompleted(b, late.id());
        SIMULATOR.tenant().changeAppointmentPrice(b.id(), late.id(), new BigDecimal("123.45"));
        BusinessRunSummary repriced = runOnly(b, later, false);
        assertThat(repriced.fullWindow()).isFalse();
        assertThat(repriced.windowStart()).isEqualTo(NOW.minus(OVERLAP));
        assertThat(repriced.published()).isEqualTo(1);
        AppointmentCompleted after = lastCompleted(b, late.id());
        assertThat(after.getPrice()).isEqualByComparingTo("123.45");
        assertThat(after.getEventId()).isNotEqualTo(before.getEventId());
        assertThat(after.getRevision()).isNotEqualTo(before.getRevision());

        // When an appointment inside the window is deleted in Bookings: AppointmentCancelled, once
        SIMULATOR.tenant().removeAppointment(b.id(), gone.id());
        assertThat(runOnly(b, later, false).cancellationsPublished()).isEqualTo(1);
        assertThat(runOnly(b, later, false).published()).isZero();
        List<Object> deletedEvents = events(Topics.APPOINTMENTS, b).stream()
                .filter(e -> e.key().equals(Keys.appointment(b.id(), gone.id()))).map(Event::value).toList();
        assertThat(deletedEvents).hasSize(2).last().isInstanceOf(AppointmentCancelled.class);
        assertThat(countsPerAppointment(b).values()).allMatch(n -> n <= 2);

        // When an appointment that ended before the incremental window changes, the incremental run does not see
        // it, the reconciliation (full-window) run does: one new revision
        Appointment old = completed(b, NOW).stream().filter(a -> a.end().isBefore(weekAgo.minus(OVERLAP)))
                .filter(a -> a.price() != null).findFirst().orElseThrow();
        SIMULATOR.tenant().changeAppointmentPrice(b.id(), old.id(), new BigDecimal("7.77"));
        assertThat(runOnly(b, later, false).published()).isZero();
        BusinessRunSummary reconciliation = runOnly(b, later, true);
        assertThat(reconciliation.fullWindow()).isTrue();
        assertThat(reconciliation.published()).isEqualTo(1);
        assertThat(lastCompleted(b, old.id()).getPrice()).isEqualByComparingTo("7.77");
    }

    @Test
    void aThrottledRunWaitsAsRetryAfterSaysThenCompletesWithoutDuplicates() throws Exception {
        Business b = tenant(3);
        http("PUT", "/api/sync/setup/" + b.id(), "{}", ADMIN);
        // Given Graph answers the second calendar page three times with 429 and Retry-After: 2
        SIMULATOR.faults().script(b.id(), Endpoint.CALENDAR_VIEW, Fault.pass(), Fault.tooManyRequests(2),
                Fault.tooManyRequests(2), Fault.tooManyRequests(2));

        // When the business is synced
        long started = System.nanoTime();
        BusinessRunSummary run = runOnly(b, NOW, false);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("throttled run: 3 x 429 Retry-After 2 -> run took %d ms, waited %d ms, %d retries%n",
                took.toMillis(), run.retryWaitMillis(), run.retries());

        // Then the run waited as told, completed, and published every completed appointment exactly once
        assertThat(run.error()).isNull();
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(5900));
        assertThat(run.retries()).isEqualTo(3);
        assertThat(run.retryWaitMillis()).isEqualTo(6000);
        assertThat(SIMULATOR.faults().pending()).isZero();
        Map<String, Long> counts = countsPerAppointment(b);
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(completedKeys(b, NOW));
        assertThat(counts.values()).allMatch(n -> n == 1);
        BusinessRunSummary again = runOnly(b, NOW, true);
        assertThat(again.published()).as(again.toString()).isZero();

        // and the metrics say so
        assertThat(meters.get("bookings.sync.retries").tag("business", b.id()).tag("status", "429").counter()
                .count()).isEqualTo(3);
        // two runs, each reading at least every completed appointment, 10 to a page
        assertThat(meters.get("bookings.sync.pages").tag("business", b.id()).tag("endpoint", "calendarView")
                .counter().count()).isGreaterThanOrEqualTo(2 * Math.ceil(completed(b, NOW).size() / 10.0));
        assertThat(meters.get("bookings.sync.published").tag("business", b.id()).tag("kind", "appointment")
                .counter().count()).isEqualTo(counts.size());
        assertThat(meters.get("bookings.sync.run").tag("business", b.id()).tag("outcome", "success").timer().count())
                .isEqualTo(2);
        // every Graph request is counted by its outcome, and the sync waited 3 x 2 s as Retry-After said
        assertThat(meters.get("bookings.graph.requests").tag("business", b.id()).tag("outcome", "429").counter()
                .count()).isEqualTo(3);
        double pages = meters.find("bookings.sync.pages").tag("business", b.id()).counters().stream()
                .mapToDouble(Counter::count).sum();
        // each run: one GET of the business, then the pages of services, customers and calendarView
        assertThat(meters.get("bookings.graph.requests").tag("business", b.id()).tag("outcome", "ok").counter()
                .count()).isEqualTo(pages + 2);
        Timer waits = meters.get("bookings.graph.retry.wait").tag("business", b.id()).tag("status", "429").timer();
        assertThat(waits.count()).isEqualTo(3);
        assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6000);
        assertThat(endpoints().prometheus()).contains(
                "bookings_graph_requests_total{business=\"" + b.id() + "\",outcome=\"429\"} 3.0",
                "bookings_graph_retry_wait_seconds_sum{business=\"" + b.id() + "\",status=\"429\"} 6.0",
                "kafka_producer_record_send_total{");

        // and under random throttling without Retry-After (backoff with jitter), a change is still published once
        Appointment changed = completed(b, NOW).get(0);
        SIMULATOR.tenant().changeAppointmentPrice(b.id(), changed.id(), new BigDecimal("49.99"));
        SIMULATOR.faults().rate(Endpoint.ANY, 0.3, Fault.tooManyRequests());
        BusinessRunSummary underPressure;
        try {
            underPressure = runOnly(b, NOW, true);
        } finally {
            SIMULATOR.faults().clear();
        }
        assertThat(underPressure.error()).isNull();
        assertThat(underPressure.retries()).isPositive();
        assertThat(underPressure.published()).isEqualTo(1);
        assertThat(countsPerAppointment(b).get(Keys.appointment(b.id(), changed.id()))).isEqualTo(2);
        assertThat(lastCompleted(b, changed.id()).getPrice()).isEqualByComparingTo("49.99");

        HttpResponse<String> retries = http("GET", "/actuator/metrics/bookings.sync.retries?tag=business:" + b.id(),
                null, ADMIN);
        assertThat(retries.statusCode()).isEqualTo(200);
        assertThat(retries.body()).contains("\"statistic\":\"COUNT\"");
    }

    @Test
    void malformedOrPartialGraphDataIsPublishedAsItIsOrRejectedVisiblyNeverACrash() throws Exception {
        Business b = tenant(4);
        http("PUT", "/api/sync/setup/" + b.id(), "{}", ADMIN);
        List<Appointment> done = completed(b, NOW);
        Appointment noStart = done.get(0);
        Appointment unknownService = done.get(1);
        Appointment noPrice = done.stream().skip(2).filter(a -> a.price() != null).findFirst().orElseThrow();
        SIMULATOR.faults().damage(noStart.id(), node -> node.remove("startDateTime"))
                .damage(unknownService.id(), node -> node.put("serviceId", "no-such-service"))
                .damage(noPrice.id(), node -> node.putNull("price"))
                .script(b.id(), Endpoint.SERVICES, Fault.status(503), Fault.status(504));

        // When the business is synced
        BusinessRunSummary run = runOnly(b, NOW, false);

        // Then the run succeeded (503 and 504 retried), the appointment without a start is rejected visibly ...
        assertThat(run.error()).isNull();
        assertThat(run.retries()).isEqualTo(2);
        assertThat(run.rejected()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(noStart.id());
            assertThat(r.reason()).contains("no start or end time");
        });
        assertThat(http("GET", "/api/sync/status", null, null).body()).contains(noStart.id());
        // ... the one of an unknown service and the one without a price are published as they are, with a warning
        assertThat(run.warnings()).singleElement().asString().contains(unknownService.id()).contains("no-such-service");
        assertThat(lastCompleted(b, unknownService.id()).getServiceId()).isEqualTo("no-such-service");
        assertThat(lastCompleted(b, noPrice.id()).getPrice()).isNull();
        Set<String> published = countsPerAppointment(b).keySet();
        assertThat(published).doesNotContain(Keys.appointment(b.id(), noStart.id())).hasSize(done.size() - 1);
        // ... and a customer without email is published without one (customer-service rejects it, saying why)
        assertThat(events(Topics.CUSTOMERS, b)).map(e -> (CustomerDiscovered) e.value())
                .anyMatch(c -> c.getEmailAddress() == null);

        // When a calendar page is not even JSON, the run fails for this business, visibly, and keeps its watermark
        Instant watermark = setups.find(b.id()).orElseThrow().appointmentWatermark();
        SIMULATOR.faults().script(b.id(), Endpoint.CALENDAR_VIEW, Fault.pass(), Fault.malformedBody());
        BusinessRunSummary failed = runOnly(b, NOW.plusSeconds(60), true);
        assertThat(failed.error()).isNotNull();
        assertThat(setups.find(b.id()).orElseThrow().appointmentWatermark()).isEqualTo(watermark);
        HttpResponse<String> health = http("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"bookingsSync\":{").contains("DEGRADED").contains(b.id())
                .contains("lagSeconds").contains("lastError");

        // and the next run completes, publishing nothing twice
        assertThat(runOnly(b, NOW.plusSeconds(60), false).error()).isNull();
        assertThat(countsPerAppointment(b).values()).allMatch(n -> n == 1);
        assertThat(status.business(b.id()).lastError()).isNull();
    }

    @Test
    void aRecordThatCannotBeUsedIsQuarantinedReReadOnEveryRunAndLeavesOnlyWhenReadOrGone() throws Exception {
        Business b = tenant(6);
        http("PUT", "/api/sync/setup/" + b.id(), "{}", ADMIN);
        List<Appointment> done = completed(b, NOW);
        // Given Bookings data the sync cannot use: a zone no mapping knows, nobody to bill, an end before the start,
        // and a customer without its @odata.type; all of them ended (or exist) well before the next runs' overlap
        Appointment unknownZone = done.get(0);
        Appointment noAttendees = done.get(1);
        Appointment backwards = done.get(2);
        Customer untyped = b.customers().get(2);
        SIMULATOR.faults()
                .damage(unknownZone.id(), node -> ((ObjectNode) node.get("startDateTime")).put("timeZone",
                        "Mars Standard Time"))
                .damage(noAttendees.id(), node -> {
                    node.putArray("customers");
                    node.putNull("customerId");
                })
                .damage(backwards.id(), node -> node.putObject("endDateTime")
                        .put("dateTime", "2000-01-01T00:00:00.0000000").put("timeZone", "UTC"))
                .damage(untyped.id(), node -> node.remove("@odata.type"));
        try {
            // When the business is synced
            BusinessRunSummary first = runOnly(b, NOW, false);

            // Then nothing is published for them, and each is quarantined with its reason: listed by the API,
            // announced on bookings.quarantine and counted
            assertThat(first.error()).isNull();
            assertThat(countsPerAppointment(b).keySet()).doesNotContain(
                    Keys.appointment(b.id(), unknownZone.id()), Keys.appointment(b.id(), noAttendees.id()),
                    Keys.appointment(b.id(), backwards.id()));
            Map<String, String> reasons = quarantineReasons(b);
            assertThat(reasons).containsOnlyKeys("APPOINTMENT/" + unknownZone.id(),
                    "APPOINTMENT/" + noAttendees.id(), "APPOINTMENT/" + backwards.id(), "CUSTOMER/" + untyped.id());
            assertThat(reasons.get("APPOINTMENT/" + unknownZone.id())).contains("'Mars Standard Time'");
            assertThat(reasons.get("APPOINTMENT/" + noAttendees.id())).isEqualTo("no attendees: nobody to bill");
            assertThat(reasons.get("APPOINTMENT/" + backwards.id())).startsWith("ends before it starts");
            assertThat(reasons.get("CUSTOMER/" + untyped.id())).contains("@odata.type");
            assertThat(events(Topics.QUARANTINE, b)).map(Event::value)
                    .allMatch(BookingsRecordQuarantined.class::isInstance).hasSize(4);
            assertThat(meters.get("bookings.sync.quarantined").tags("business", b.id(), "kind", "appointment")
                    .gauge().value()).isEqualTo(3.0);
            assertThat(endpoints().prometheus()).contains("bookings_sync_quarantined{business=\"" + b.id()
                    + "\",kind=\"appointment\"} 3.0");

            // When Bookings fixes two of the appointments and the customer, and the next run is incremental
            SIMULATOR.faults().clear();
            SIMULATOR.faults().damage(noAttendees.id(), node -> {
                node.putArray("customers");
                node.putNull("customerId");
            });
            BusinessRunSummary second = runOnly(b, NOW.plusSeconds(60), false);

            // Then it still read back to where the quarantined appointments were seen, and the fixed records are
            // published once and released as READ; the one still broken stays, seen twice
            assertThat(second.fullWindow()).isFalse();
            assertThat(second.windowStart()).isEqualTo(first.windowStart());
            assertThat(countsPerAppointment(b)).containsEntry(Keys.appointment(b.id(), unknownZone.id()), 1L)
                    .containsEntry(Keys.appointment(b.id(), backwards.id()), 1L);
            assertThat(lastCompleted(b, unknownZone.id()).getStart()).isEqualTo(unknownZone.start());
            assertThat(events(Topics.CUSTOMERS, b)).map(Event::key).contains(Keys.customer(b.id(), untyped.id()));
            assertThat(released(b)).containsExactlyInAnyOrder("APPOINTMENT/" + unknownZone.id() + "=READ",
                    "APPOINTMENT/" + backwards.id() + "=READ", "CUSTOMER/" + untyped.id() + "=READ");
            String listed = http("GET", "/api/sync/quarantine", null, null).body();
            assertThat(quarantineReasons(b)).containsOnlyKeys("APPOINTMENT/" + noAttendees.id());
            assertThat(listed).contains("\"attempts\":2").contains("\"firstSeenAt\":\"" + NOW + "\"");

            // When the broken appointment is deleted in Bookings, it leaves as GONE (no cancellation: it was never
            // published), and the window is no longer held back
            SIMULATOR.tenant().removeAppointment(b.id(), noAttendees.id());
            assertThat(runOnly(b, NOW.plusSeconds(120), false).cancellationsPublished()).isZero();
            assertThat(released(b)).contains("APPOINTMENT/" + noAttendees.id() + "=GONE");
            assertThat(quarantineReasons(b)).isEmpty();
            assertThat(meters.get("bookings.sync.quarantined").tags("business", b.id(), "kind", "appointment")
                    .gauge().value()).isZero();
            assertThat(runOnly(b, NOW.plusSeconds(180), false).windowStart())
                    .isEqualTo(NOW.plusSeconds(120).minus(OVERLAP));
        } finally {
            SIMULATOR.faults().clear();
        }
    }

    /** The sync API's quarantine for one business: "KIND/recordId" to reason. */
    private Map<String, String> quarantineReasons(Business b) throws Exception {
        HttpResponse<String> response = http("GET", "/api/sync/quarantine", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> reasons = new java.util.TreeMap<>();
        for (JsonNode entry : JSON.readTree(response.body())) {
            if (entry.get("businessId").asString().equals(b.id())) {
                reasons.put(entry.get("kind").asString() + "/" + entry.get("recordId").asString(),
                        entry.get("reason").asString());
            }
        }
        return reasons;
    }

    private List<String> released(Business b) {
        return events(Topics.QUARANTINE, b).stream().map(Event::value).filter(BookingsRecordReleased.class::isInstance)
                .map(BookingsRecordReleased.class::cast)
                .map(r -> r.getKind() + "/" + r.getRecordId() + "=" + r.getResolution()).toList();
    }

    @Test
    void aReconciliationThatGraphFailsIsRepeatedByTheNextRunsUntilOneSucceeds() throws Exception {
        Business b = tenant(5);
        http("PUT", "/api/sync/setup/" + b.id(), "{}", ADMIN);
        // Given a business synced an hour ago, and an appointment entered in Bookings since that ended days ago:
        // incremental runs (from the watermark) do not read back that far, only a full-window run does
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        assertThat(runOnly(b, hourAgo, false).error()).isNull();
        Appointment enteredLate = addAppointment(b, "entered-late", NOW.minus(Duration.ofDays(3)));

        // When the reconciliation asked for fails on Graph (500 on the calendar) ...
        SIMULATOR.faults().script(b.id(), Endpoint.CALENDAR_VIEW, Fault.status(500));
        BusinessRunSummary failed = runOnly(b, NOW, true);
        assertThat(failed.error()).contains("500");
        assertThat(SIMULATOR.faults().pending()).isZero();

        // ... then the next ordinary run repeats it as a full-window run and the late appointment is published once
        BusinessRunSummary next = runOnly(b, NOW.plusSeconds(60), false);
        assertThat(next.error()).isNull();
        assertThat(next.fullWindow()).as("the run after a failed reconciliation").isTrue();
        assertThat(countsPerAppointment(b)).containsEntry(Keys.appointment(b.id(), enteredLate.id()), 1L);
        assertThat(countsPerAppointment(b).keySet()).containsExactlyInAnyOrderElementsOf(completedKeys(b, NOW));
        // and once one succeeded, runs are incremental again
        assertThat(runOnly(b, NOW.plusSeconds(120), false).fullWindow()).isFalse();
    }

    @Test
    void badInputIsAnsweredWithAProblemDetailThatSaysWhy() throws Exception {
        Business b = tenant(0);
        record Probe(String method, String path, String body, String user, int status, String detail) {
        }
        List<Probe> probes = List.of(
                new Probe("PUT", "/api/sync/setup/" + b.id(), "{not json", ADMIN, 400, "not a valid JSON setup"),
                new Probe("PUT", "/api/sync/setup/" + b.id(), "{\"enabled\":\"maybe\"}", ADMIN, 400,
                        "not a valid JSON setup"),
                new Probe("PUT", "/api/sync/setup/no-mailbox", "{}", ADMIN, 400, "mailbox address"),
                new Probe("POST", "/api/sync/run?business=" + "b".repeat(5000), "", ADMIN, 400,
                        "5000 characters"),
                new Probe("POST", "/api/sync/run?business=b@" + "x".repeat(320), "", ADMIN, 400,
                        "at most 320"),
                new Probe("POST", "/api/sync/run?business=nobody@example.com", "", ADMIN, 400,
                        "no Booking Sync setup for business nobody@example.com"),
                new Probe("POST", "/api/sync/run?full=perhaps", "", ADMIN, 400, "full"),
                new Probe("POST", "/api/sync/run?business=nobody@example.com", "", null, 401, "SYNC_ADMIN"),
                new Probe("POST", "/api/sync/run", "", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:wrong".getBytes()), 401, "SYNC_ADMIN"),
                new Probe("GET", "/api/sync/setup/nobody@example.com", null, null, 404,
                        "no Booking Sync setup for business nobody@example.com"),
                new Probe("GET", "/api/sync/nothing-here", null, null, 404, "nothing-here"),
                new Probe("DELETE", "/api/sync/setup/" + b.id(), null, ADMIN, 405, "DELETE"));
        for (Probe probe : probes) {
            HttpResponse<String> response = http(probe.method(), probe.path(), probe.body(), probe.user());
            assertThat(response.statusCode()).as(probe + " " + response.body()).isEqualTo(probe.status());
            assertThat(response.headers().firstValue("Content-Type")).as(probe.toString())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(probe.toString()).contains("\"status\":" + probe.status())
                    .contains(probe.detail()).doesNotContain("\tat ").doesNotContain(".java:")
                    .doesNotContain("Exception");
        }
        assertThat(http("POST", "/api/sync/run", "", null).headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        // nothing was stored for the refused id
        assertThat(http("GET", "/api/sync/setup/no-mailbox", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theTriggerAndActuatorNeedAnAdminAndNeverShowTheClientSecret() throws Exception {
        assertThat(http("POST", "/api/sync/run?business=" + tenant(0).id(), "", null).statusCode()).isEqualTo(401);

        assertThat(http("GET", "/actuator/configprops", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> configprops = http("GET", "/actuator/configprops", null, ADMIN);
        assertThat(configprops.statusCode()).isEqualTo(200);
        // values are shown to an admin (so masking is what hides the secret) ...
        assertThat(configprops.body()).contains("\"maxRetryWait\":\"PT5M\"").contains("reconcileInterval");
        // ... but neither the client secret, nor the static token, nor a user's password
        assertThat(configprops.body()).doesNotContain("Very-S3cret-Client-Value")
                .doesNotContain(SIMULATOR.accessToken()).doesNotContain("{noop}admin");
        assertThat(http("GET", "/actuator/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(http("GET", "/actuator/metrics", null, ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void infoShowsTheBuildAndTheOpenApiDocumentListsEveryApiEndpoint() {
        endpoints().assertInfoShowsBuildAndCommit("0.1.0-SNAPSHOT");
        endpoints().assertDocumentsEveryApiEndpoint(mappings);
    }

    private OperatorEndpoints endpoints() {
        return new OperatorEndpoints(port, "admin", "admin");
    }

    /** Adds a one-attendee appointment of the business's first service that ends at {@code end}. */
    private static Appointment addAppointment(Business b, String id, Instant end) {
        Service service = b.services().get(0);
        Customer customer = b.customers().get(0);
        Appointment appointment = new Appointment(id, service.id(), service.displayName(),
                end.minus(Duration.ofMinutes(30)), end, new BigDecimal("35.00"), "fixedPrice", 1,
                List.of(new Attendee(customer.id(), customer.displayName(), customer.emailAddress(), null)));
        SIMULATOR.tenant().addAppointment(b.id(), appointment);
        return appointment;
    }

    private BusinessRunSummary runOnly(Business b, Instant asOf, boolean full) {
        RunSummary run = runner.run(new SyncRunner.Request(asOf, full, false, List.of(b.id())));
        assertThat(run.businesses()).hasSize(1);
        return run.businesses().get(0);
    }

    private HttpResponse<String> http(String method, String path, String json, String authorization)
            throws Exception {
        String[] parts = path.split("\\?", 2);
        String encoded = parts[0].replace("@", "%40") + (parts.length > 1 ? "?" + parts[1].replace("@", "%40") : "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + encoded))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Business tenant(int index) {
        return SIMULATOR.tenant().businesses().get(index);
    }

    private List<Event> events(String topic, Business b) {
        return TopicContents.read(broker.getBrokersAsString(), topic, b.id());
    }

    private List<String> keys(String topic, Business b) {
        return events(topic, b).stream().map(Event::key).toList();
    }

    private Map<String, Long> countsPerAppointment(Business b) {
        return events(Topics.APPOINTMENTS, b).stream().filter(e -> e.value() instanceof AppointmentCompleted)
                .collect(Collectors.groupingBy(Event::key, Collectors.counting()));
    }

    private AppointmentCompleted lastCompleted(Business b, String appointmentId) {
        return events(Topics.APPOINTMENTS, b).stream().map(Event::value).filter(AppointmentCompleted.class::isInstance)
                .map(AppointmentCompleted.class::cast).filter(e -> e.getAppointmentId().equals(appointmentId))
                .reduce((first, second) -> second).orElseThrow();
    }

    private static List<String> eventIds(List<Event> events) {
        return events.stream().map(e -> ((CustomerDiscovered) e.value()).getEventId()).distinct().toList();
    }

    private static List<String> customerKeys(Business b) {
        return b.customers().stream().map(c -> Keys.customer(b.id(), c.id())).toList();
    }

    /** The appointments of the business as the simulator holds them now that had ended at {@code asOf}. */
    private static List<Appointment> completed(Business b, Instant asOf) {
        return SIMULATOR.tenant().business(b.id()).appointments().stream().filter(a -> !a.end().isAfter(asOf))
                .filter(a -> a.end().isAfter(asOf.minus(Duration.ofDays(90)))).toList();
    }

    private static List<String> completedKeys(Business b, Instant asOf) {
        return completed(b, asOf).stream().map(a -> Keys.appointment(b.id(), a.id())).toList();
    }

    static <T> Function<T, T> identity() {
        return Function.identity();
    }
}
