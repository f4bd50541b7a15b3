package dev.bookingsinvoicing.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync's baseline: the pages the sync reads from Graph (the simulator), fetched with the JDK's {@link HttpClient}
 * and parsed with Jackson into trees, nothing else: per business the business, its services, its customers and the
 * calendarView of the window, each following {@code @odata.nextLink}, one request in flight per business and up to
 * {@code parallel} businesses at once, as the sync does. What the sync spends beyond this is its own cost (the Graph
 * SDK, mapping, publishing, its state).
 */
final class GraphPagesBaseline {

    /** What one fetch read: requests made, items parsed, appointments among them, and how long it took. */
    record Fetched(int requests, long items, long appointments, double seconds) {
    }

    private record Counts(int requests, long items, long appointments) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String graphRoot;
    private final String token;

    /** {@code graphRoot} e.g. http://localhost:8090/v1.0; {@code token} the bearer token. */
    GraphPagesBaseline(String graphRoot, String token) {
        this.graphRoot = graphRoot;
        this.token = token;
    }

    Fetched fetch(List<String> businessIds, Instant start, Instant end, int parallel) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Counts>> runs = new ArrayList<>();
            for (String id : businessIds) {
                runs.add(pool.submit(() -> business(id, start, end)));
            }
            int requests = 0;
            long items = 0;
            long appointments = 0;
            for (Future<Counts> run : runs) {
                Counts counts = run.get();
                requests += counts.requests();
                items += counts.items();
                appointments += counts.appointments();
            }
            return new Fetched(requests, items, appointments, (System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private Counts business(String id, Instant start, Instant end) throws IOException, InterruptedException {
        String business = graphRoot + "/solutions/bookingBusinesses/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        get(business);
        Counts services = pages(business + "/services");
        Counts customers = pages(business + "/customers");
        // the window as the sync sends it: whole seconds, ISO-8601 UTC
        Counts calendar = pages(business + "/calendarView?start=" + query(start) + "&end=" + query(end));
        return new Counts(1 + services.requests() + customers.requests() + calendar.requests(),
                services.items() + customers.items() + calendar.items(), calendar.items());
    }

    private Counts pages(String url) throws IOException, InterruptedException {
        int requests = 0;
        long items = 0;
        String next = url;
        while (next != null) {
            JsonNode page = get(next);
            requests++;
            items += page.path("value").size();
            JsonNode link = page.get("@odata.nextLink");
            next = link == null || link.isNull() ? null : link.asString();
        }
        return new Counts(requests, items, 0);
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private static String query(Instant instant) {
        return URLEncoder.encode(instant.truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8);
    }
}
