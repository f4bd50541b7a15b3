package dev.bookingsinvoicing.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import dev.bookingsinvoicing.localstack.LocalStack;
import dev.bookingsinvoicing.simulator.SimulatedTenant;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.domain.BookingsSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole local stack (broker, MongoDB server, simulator, four services) with a simulated tenant of N completed
 * appointments over N/10 customers and 20 services, spread over {@code --sync-businesses} businesses: start-up time,
 * then the time from the first sync run until the view holds a settled row for every attendee (no row still waiting
 * for a registration). Before the sync, in the same run, {@link GraphPagesBaseline} reads the same pages with plain
 * HTTP and Jackson (twice: the first warms the simulator and the client up, the second is the figure). Once the view
 * has settled, the three consuming services are stopped and the sync's own reader reads the same pages through the
 * Graph SDK without publishing ({@link GraphSdkRead}, twice, the second is the figure); then the sync runs again
 * alone, restarted on an empty state database so that it reads and publishes everything again, with
 * {@code --sync-parallel} businesses at once and then one at a time. The sync's own cost is that run's time (the
 * answer to {@code POST /api/sync/run}) over the baseline's; the first run's time is reported too, but it shares the
 * two cores with the services building the view.
 */
final class SyncToViewBenchmark {

    static final String SCENARIO = "sync";
    static final String OWN_COST = "sync run / plain HTTP + Jackson baseline";
    // the sync's default bookings.sync.lookback: a first run reads this far back
    private static final Duration LOOKBACK = Duration.ofDays(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Results results;
    private final BenchmarkOptions options;
    private final int n;

    SyncToViewBenchmark(Results results, BenchmarkOptions options, int size) {
        this.results = results;
        this.options = options;
        this.n = size;
    }

    void run(Path dataDir) throws Exception {
        // the benchmark starts the first run itself (POST /api/sync/run) so that it knows when it started
        System.setProperty("bookings.sync.initial-delay", "PT10H");
        System.setProperty("bookings.sync.parallel-businesses", String.valueOf(options.syncParallel()));
        int businesses = options.syncBusinesses();
        // a tenant whose "now" is 15 days ago: every appointment (60 days back, 14 ahead of it) has ended. Tidy: the
        // measure is rows per second, and a quarantined appointment would leave the expected row count unreached
        SimulatorSettings simulator = SimulatorSettings.defaults().withImplausibleRecords(false)
                .withVolume(businesses, Math.max(3, n / 10 / businesses), 20, n / businesses)
                .withPageSize(options.pageSize())
                .withClock(Clock.fixed(Instant.now().minus(Duration.ofDays(15)), Clock.systemUTC().getZone()));
        long t0 = System.nanoTime();
        LocalStack.Ports ports = LocalStack.Ports.free();
        LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, options.backend(), ports,
                simulator, options.partitions(), Duration.ofHours(10)));
        double startup = Kafka.since(t0).toNanos() / 1e9;
        results.add(n, "footprint", "local stack ready (4 services + sim)", startup, "s");
        try (Admin admin = Kafka.admin(stack.bootstrapServers());
                MongoClient client = MongoClients.create("mongodb://localhost:" + ports.mongo())) {
            MongoCollection<Document> view = client.getDatabase("invoicing").getCollection("bookings_not_invoiced");
            long expected = expectedRows(stack.simulator().tenant());
            results.add(n, SCENARIO, "attendee rows expected", expected, "rows");
            GraphPagesBaseline.Fetched baseline = baseline(stack);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest run = HttpRequest.newBuilder(URI.create(stack.syncUrl() + "/api/sync/run"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "admin:admin".getBytes(StandardCharsets.UTF_8)))
                    .timeout(options.stepTimeout()).POST(HttpRequest.BodyPublishers.noBody()).build();
            long t = System.nanoTime();
            try (LagSampler lag = new LagSampler(options.out().resolve("lag.csv"), n, SCENARIO, admin,
                    view::estimatedDocumentCount)) {
                CompletableFuture<HttpResponse<String>> syncRun = http.sendAsync(run,
                        HttpResponse.BodyHandlers.ofString());
                CompletableFuture<Double> syncDone = syncRun.thenApply(r -> {
                    if (r.statusCode() != 200) {
                        System.err.println("sync run answered " + r.statusCode() + ": " + r.body());
                    }
                    return Kafka.since(t).toNanos() / 1e9;
                });
                boolean settled = Waits.until("view holds " + expected + " settled rows", options.stepTimeout(),
                        Duration.ofSeconds(1), () -> view.estimatedDocumentCount() >= expected
                                && view.countDocuments(Filters.in("reason", List.of("customer not registered yet",
                                        "service not registered as an item yet"))) == 0);
                double seconds = Kafka.since(t).toNanos() / 1e9;
                if (syncDone.isDone() && !syncDone.isCompletedExceptionally()) {
                    double own = syncDone.join();
                    results.add(n, SCENARIO, "sync run (Graph read + publish) time", own, "s");
                    results.add(n, SCENARIO, "sync run appointments/s", baseline.appointments() / own,
                            "appointments/s");
                    results.add(n, SCENARIO, "sync run with the view being built / baseline", own / baseline.seconds(),
                            "x");
                }
                long rows = view.estimatedDocumentCount();
                if (!settled) {
                    results.add(n, SCENARIO, "TIMEOUT: rows in view", rows, "rows");
                    results.add(n, SCENARIO, "TIMEOUT: rows waiting for a registration", view.countDocuments(
                            Filters.in("reason", List.of("customer not registered yet",
                                    "service not registered as an item yet"))), "rows");
                    return;
                }
                double brokerRate = results.value(n, RawBaselines.SCENARIO, "broker records/s (slower stage)");
                results.add(n, SCENARIO, "sync to settled view time", seconds, "s");
                results.add(n, SCENARIO, "sync to view rows/s", rows / seconds, "rows/s", rows / seconds / brokerRate,
                        "broker records/s");
                results.add(n, SCENARIO, "max view lag", lag.maxLag(), "records");
                results.add(n, SCENARIO, "READY rows", view.countDocuments(Filters.eq("status", "READY")), "rows");
                results.add(n, "footprint", "live heap, whole stack settled (after GC)", Footprint.liveHeapMiB(),
                        "MiB");
                syncAlone(stack, client, run, baseline);
            }
        } finally {
            stack.close();
        }
    }

    /** The sync's run again with nothing else working: N businesses at once, then (if N > 1) one at a time. */
    private void syncAlone(LocalStack stack, MongoClient client, HttpRequest run, GraphPagesBaseline.Fetched baseline)
            throws Exception {
        stack.stop(LocalStack.Service.INVOICING);
        stack.stop(LocalStack.Service.CUSTOMERS);
        stack.stop(LocalStack.Service.ITEMS);
        int parallel = options.syncParallel();
        GraphSdkRead.Read sdk = sdkRead(stack, baseline);
        double alone = runOnEmptyState(stack, client, run, parallel, baseline.appointments());
        results.add(n, SCENARIO, "sync run alone (" + parallel + " at once) time", alone, "s");
        results.add(n, SCENARIO, "sync run alone appointments/s", baseline.appointments() / alone, "appointments/s");
        results.add(n, SCENARIO, OWN_COST, alone / baseline.seconds(), "x");
        results.add(n, SCENARIO, "sync run alone / Graph SDK read + mapping", alone / sdk.seconds(), "x");
        if (parallel > 1) {
            double oneAtATime = runOnEmptyState(stack, client, run, 1, baseline.appointments());
            results.add(n, SCENARIO, "sync run alone (1 at a time) time", oneAtATime, "s", oneAtATime / alone,
                    parallel + " at once");
        }
    }

    /**
     * The same pages read through the running sync's own reader (Graph SDK and mapping, nothing published), twice
     * like the baseline; the second read's figures. It must map every appointment the baseline read.
     */
    private GraphSdkRead.Read sdkRead(LocalStack stack, GraphPagesBaseline.Fetched baseline) throws Exception {
        BookingsSource source = stack.service(LocalStack.Service.SYNC).getBean(BookingsSource.class);
        List<String> ids = businessIds(stack);
        Instant now = Instant.now();
        GraphSdkRead.read(source, ids, now.minus(LOOKBACK), now, options.syncParallel());
        GraphSdkRead.Read warm = GraphSdkRead.read(source, ids, now.minus(LOOKBACK), now, options.syncParallel());
        if (warm.appointments() != baseline.appointments() || warm.rejected() > 0) {
            throw new IllegalStateException("the Graph SDK read mapped " + warm.appointments() + " appointments and "
                    + "rejected " + warm.rejected() + " items; the baseline read " + baseline.appointments());
        }
        results.add(n, SCENARIO, "Graph SDK read + mapping time (nothing published)", warm.seconds(), "s",
                warm.seconds() / baseline.seconds(), "plain HTTP + Jackson baseline");
        results.add(n, SCENARIO, "Graph SDK read + mapping appointments/s", warm.appointments() / warm.seconds(),
                "appointments/s");
        return warm;
    }

    /**
     * Restarts the sync with an empty state database and times one run of it, which must publish every appointment
     * the baseline read (a run that failed a business would be quick and wrong).
     */
    private double runOnEmptyState(LocalStack stack, MongoClient client, HttpRequest run, int parallel,
            long appointments) throws Exception {
        stack.stop(LocalStack.Service.SYNC);
        client.getDatabase("booking-sync").drop();
        System.setProperty("bookings.sync.parallel-businesses", String.valueOf(parallel));
        stack.start(LocalStack.Service.SYNC);
        // a new client and the new instance's port (a free one each start)
        HttpClient fresh = HttpClient.newHttpClient();
        HttpRequest again = HttpRequest.newBuilder(run, (name, value) -> true)
                .uri(URI.create(stack.syncUrl() + "/api/sync/run")).build();
        long t = System.nanoTime();
        HttpResponse<String> answer = fresh.send(again, HttpResponse.BodyHandlers.ofString());
        double seconds = Kafka.since(t).toNanos() / 1e9;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sync run answered " + answer.statusCode() + ": " + answer.body());
        }
        long published = 0;
        for (JsonNode business : JSON.readTree(answer.body()).path("businesses")) {
            published += business.path("appointmentsPublished").asLong();
        }
        if (published != appointments) {
            throw new IllegalStateException("the sync run alone published " + published + " appointments, the "
                    + "baseline read " + appointments + ": " + answer.body());
        }
        return seconds;
    }

    /** The same pages as the sync's first run, read twice with plain HTTP + Jackson; the second read's figures. */
    private GraphPagesBaseline.Fetched baseline(LocalStack stack) throws Exception {
        List<String> ids = businessIds(stack);
        GraphPagesBaseline reader = new GraphPagesBaseline(stack.simulator().baseUrl() + "/v1.0",
                stack.simulator().accessToken());
        Instant now = Instant.now();
        GraphPagesBaseline.Fetched cold = reader.fetch(ids, now.minus(LOOKBACK), now, options.syncParallel());
        GraphPagesBaseline.Fetched warm = reader.fetch(ids, now.minus(LOOKBACK), now, options.syncParallel());
        results.add(n, SCENARIO, "businesses (read " + options.syncParallel() + " at once)", ids.size(), "");
        results.add(n, SCENARIO, "baseline: Graph requests", warm.requests(), "requests");
        results.add(n, SCENARIO, "baseline: plain HTTP + Jackson time (first, cold)", cold.seconds(), "s");
        results.add(n, SCENARIO, "baseline: plain HTTP + Jackson time", warm.seconds(), "s");
        results.add(n, SCENARIO, "baseline: appointments/s", warm.appointments() / warm.seconds(), "appointments/s");
        return warm;
    }

    private static List<String> businessIds(LocalStack stack) {
        return stack.simulator().tenant().businesses().stream().map(SimulatedTenant.Business::id).toList();
    }

    private static long expectedRows(SimulatedTenant tenant) {
        Instant now = Instant.now();
        long rows = 0;
        for (SimulatedTenant.Business b : tenant.businesses()) {
            for (SimulatedTenant.Appointment a : b.appointments()) {
                if (!a.end().isAfter(now)) {
                    rows += a.attendees().stream().map(SimulatedTenant.Attendee::customerId).distinct().count();
                }
            }
        }
        return rows;
    }
}
