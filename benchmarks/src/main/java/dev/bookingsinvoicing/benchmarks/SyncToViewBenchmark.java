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

/**
 * The whole local stack (broker, MongoDB server, simulator, four services) with a simulated tenant of N completed
 * appointments over N/10 customers and 20 services: start-up time, then the time from the first sync run until
 * the view holds a settled row for every attendee (no row still waiting for a registration).
 */
final class SyncToViewBenchmark {

    static final String SCENARIO = "sync";

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
        // a tenant whose "now" is 15 days ago: every appointment (60 days back, 14 ahead of it) has ended. Tidy: the
        // measure is rows per second, and a quarantined appointment would leave the expected row count unreached
        SimulatorSettings simulator = SimulatorSettings.defaults().withImplausibleRecords(false)
                .withVolume(1, Math.max(3, n / 10), 20, n)
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
                    results.add(n, SCENARIO, "sync run (Graph read + publish) time", syncDone.join(), "s");
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
            }
        } finally {
            stack.close();
        }
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
