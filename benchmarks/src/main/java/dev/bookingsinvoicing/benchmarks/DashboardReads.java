package dev.bookingsinvoicing.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The dashboard's reads of "Bookings Not Invoiced" over HTTP, by 4 concurrent readers: the first page, a page
 * filtered by status and customer. Each reader stops after its request count or the time cap, whichever first.
 */
final class DashboardReads {

    static final int READERS = 4;

    private final Results results;
    private final BenchmarkOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DashboardReads(Results results, BenchmarkOptions options) {
        this.results = results;
        this.options = options;
    }

    void run(int n, String baseUrl, String customerNo) throws Exception {
        double rawPage = results.value(n, RawBaselines.SCENARIO, RawBaselines.FIRST_PAGE_P50);
        measure(n, "first page", baseUrl + "/api/bookings-not-invoiced?size=50", rawPage, "store first page p50");
        measure(n, "status+customer page",
                baseUrl + "/api/bookings-not-invoiced?size=50&status=READY&customerNo=" + customerNo, rawPage,
                "store first page p50");
        String totals = baseUrl + "/api/bookings-not-invoiced/totals?groupBy=customer";
        if (status(totals) == 200) {
            measure(n, "per-customer totals", totals, results.value(n, RawBaselines.SCENARIO,
                    RawBaselines.SUMS_READ_P50), "store sums read p50");
        } else {
            // invoicing-service before b5c9377 had no totals endpoint
            results.add(n, "reads", "per-customer totals: not in the API", Double.NaN, "-");
        }
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(options.stepTimeout())
                .header("Authorization", authorization()).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void measure(int n, String name, String url, double baselineMs, String baseline) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(options.stepTimeout())
                .header("Authorization", authorization()).GET().build();
        get(request); // warm-up: first use of the controller and the converters
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + options.readTime().toNanos();
        long t = System.nanoTime();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                running.add(readers.submit(() -> {
                    for (int i = 0; i < options.readRequests() && System.nanoTime() < deadline; i++) {
                        long s = System.nanoTime();
                        get(request);
                        latencies.add((System.nanoTime() - s) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            readers.shutdownNow();
        }
        double seconds = Kafka.since(t).toNanos() / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        results.add(n, "reads", name + " p50", pct(sorted, 0.50), "ms", pct(sorted, 0.50) / baselineMs, baseline);
        results.add(n, "reads", name + " p99", pct(sorted, 0.99), "ms");
        results.add(n, "reads", name + " max", sorted.get(sorted.size() - 1), "ms");
        results.add(n, "reads", name + " requests", sorted.size(), "req");
        results.add(n, "reads", name + " req/s (4 readers)", sorted.size() / seconds, "req/s");
    }

    /** HTTP Basic of a dashboard user (invoicing-service's default viewer since its operator page). */
    private String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString(options.invoicingUser().getBytes(StandardCharsets.UTF_8));
    }

    private void get(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static double pct(List<Double> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
