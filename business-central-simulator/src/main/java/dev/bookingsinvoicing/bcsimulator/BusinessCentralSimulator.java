package dev.bookingsinvoicing.bcsimulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.bookingsinvoicing.bcsimulator.SimulatedCompany.ValidationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Dynamics 365 Business Central API v2.0 simulator: {@code /v2.0/{tenant}/{environment}/api/v2.0/companies({id})/}
 * {@code customers}, {@code items}, {@code salesInvoices} and {@code salesCreditMemos} (lines inline on POST,
 * {@code $expand=salesInvoiceLines} or {@code salesCreditMemoLines} on GET) in the API's JSON shapes: OData v4 collection envelopes, {@code @odata.etag}, {@code If-Match} on PATCH
 * and DELETE, {@code $filter=field eq 'value'}, Business Central's error envelope and validation messages, behind a
 * bearer token. Tests throttle it ({@link #throttle}: 429 with Retry-After), make it unavailable (503), slow it
 * ({@link Settings#latency()}) and read what it measured: requests per kind, the most requests in flight at once and
 * requests that came before a Retry-After had passed. Runs on the JDK's HTTP server so it starts in milliseconds.
 */
public final class BusinessCentralSimulator implements AutoCloseable {

    /** The token the simulator accepts unless told otherwise. */
    public static final String DEFAULT_TOKEN = "bc-simulator-token";
    public static final int DEFAULT_PORT = 8091;
    public static final UUID DEFAULT_COMPANY = UUID.fromString("5f1d4a3b-6e1c-4c11-9a53-000000000001");

    private static final Pattern PATH = Pattern.compile(
            "/v2\\.0/([^/]+)/([^/]+)/api/v2\\.0/companies(?:\\(([0-9a-fA-F-]{36})\\))?"
                    + "(?:/([A-Za-z]+)(?:\\(([0-9a-fA-F-]{36})\\))?(?:/([A-Za-z]+))?)?");
    private static final Pattern EQ_FILTER = Pattern.compile("(\\w+) eq '((?:[^']|'')*)'");
    /** A request this long after a 429 was answered is one the client sent knowing of it (not one in flight). */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofMillis(250);

    /**
     * @param port        0 picks a free port
     * @param token       the bearer token every request must carry
     * @param tenant      the tenant id (or domain) in the path
     * @param environment e.g. production or sandbox
     * @param latency     how long each request takes to be answered (Business Central's own processing)
     */
    public record Settings(int port, String token, String tenant, String environment, Duration latency) {

        public static Settings defaults() {
            return new Settings(0, DEFAULT_TOKEN, "simulated-tenant", "production", Duration.ZERO);
        }

        public Settings withPort(int newPort) {
            return new Settings(newPort, token, tenant, environment, latency);
        }

        public Settings withLatency(Duration newLatency) {
            return new Settings(port, token, tenant, environment, newLatency);
        }
    }

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final SimulatedCompany company;
    private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger throttledLeft = new AtomicInteger();
    private final AtomicInteger unavailableLeft = new AtomicInteger();
    private volatile Duration retryAfter = Duration.ofSeconds(1);
    private final AtomicLong coolOffUntilNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger earlyRequests = new AtomicInteger();
    private final AtomicInteger throttledAnswers = new AtomicInteger();
    private volatile Consumer<ObjectNode> afterSalesDocumentCreated = document -> { };

    private BusinessCentralSimulator(Settings settings) throws IOException {
        this.settings = settings;
        this.company = new SimulatedCompany(DEFAULT_COMPANY, "CRONUS International Ltd.", mapper);
        this.server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
        // more threads than any client's concurrency limit, so the simulator measures the client's, not its own
        this.executor = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, "business-central-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v2.0/", this::handle);
        server.start();
    }

    public static BusinessCentralSimulator start(Settings settings) {
        try {
            return new BusinessCentralSimulator(settings);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Business Central simulator on port " + settings.port(),
                    e);
        }
    }

    /**
     * Standalone: {@code java -jar business-central-simulator.jar [port]} (or BC_SIMULATOR_PORT, default 8091);
     * BC_SIMULATOR_TOKEN, BC_SIMULATOR_LATENCY_MS.
     */
    public static void main(String[] args) throws InterruptedException {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("BC_SIMULATOR_PORT",
                String.valueOf(DEFAULT_PORT));
        Settings defaults = Settings.defaults();
        Settings settings = new Settings(Integer.parseInt(port),
                System.getenv().getOrDefault("BC_SIMULATOR_TOKEN", DEFAULT_TOKEN), defaults.tenant(),
                defaults.environment(),
                Duration.ofMillis(Long.parseLong(System.getenv().getOrDefault("BC_SIMULATOR_LATENCY_MS", "0"))));
        BusinessCentralSimulator simulator = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("Business Central simulator: base URL " + simulator.baseUrl() + ", tenant "
                + settings.tenant() + ", environment " + settings.environment() + ", company " + DEFAULT_COMPANY
                + ", token " + settings.token());
        new CountDownLatch(1).await();
    }

    /** The API host the connector's {@code base-url} points at, e.g. {@code http://localhost:8091}. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public Settings settings() {
        return settings;
    }

    public SimulatedCompany company() {
        return company;
    }

    /** The next {@code requests} requests are answered 429 Too Many Requests with {@code Retry-After}. */
    public void throttle(int requests, Duration retryAfterDuration) {
        this.retryAfter = retryAfterDuration;
        throttledLeft.set(requests);
    }

    /** The next {@code requests} requests are answered 503 Service Unavailable (no Retry-After). */
    public void unavailable(int requests) {
        unavailableLeft.set(requests);
    }

    /**
     * Called with each created sales invoice or sales credit memo once its 201 answer is written (e.g. to kill the
     * client then).
     */
    public void afterSalesDocumentCreated(Consumer<ObjectNode> hook) {
        this.afterSalesDocumentCreated = hook;
    }

    /** How many requests of a kind were answered, e.g. {@code "POST salesInvoices"} or {@code "GET customers"}. */
    public int requests(String kind) {
        AtomicInteger count = requestCounts.get(kind);
        return count == null ? 0 : count.get();
    }

    /** The most requests that were being served at the same moment. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** 429 answers given (the injected ones and those to requests that came during a cool-off). */
    public int throttledAnswers() {
        return throttledAnswers.get();
    }

    /** Requests that arrived during a cool-off (after a 429's Retry-After was sent, before it had passed). */
    public int requestsDuringCoolOff() {
        return earlyRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        // the exchange is closed after the error is answered (a try-with-resources would close it before its catch)
        try {
            if (!("Bearer " + settings.token()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Authentication_InvalidCredentials",
                        "The server has rejected the client credentials.");
                return;
            }
            if (throttled(exchange) || unavailable(exchange)) {
                return;
            }
            pause(settings.latency());
            route(exchange);
        } catch (ValidationException e) {
            error(exchange, e.status, e.code, e.getMessage());
        } catch (RuntimeException e) {
            error(exchange, 500, "Internal_ServerError", String.valueOf(e));
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    private boolean throttled(HttpExchange exchange) throws IOException {
        long nowNanos = System.nanoTime();
        long coolOff = coolOffUntilNanos.get();
        boolean duringCoolOff = coolOff != Long.MIN_VALUE && nowNanos < coolOff;
        if (duringCoolOff && nowNanos > coolOff - retryAfter.toNanos() + IN_FLIGHT_GRACE.toNanos()) {
            earlyRequests.incrementAndGet();
        }
        if (!duringCoolOff && throttledLeft.getAndUpdate(left -> Math.max(0, left - 1)) <= 0) {
            return false;
        }
        if (!duringCoolOff) {
            coolOffUntilNanos.set(nowNanos + retryAfter.toNanos());
        }
        throttledAnswers.incrementAndGet();
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
        error(exchange, 429, "Application_TooManyRequests",
                "Too many requests reached. Actual (6001). Maximum (6000).");
        return true;
    }

    private boolean unavailable(HttpExchange exchange) throws IOException {
        if (unavailableLeft.getAndUpdate(left -> Math.max(0, left - 1)) <= 0) {
            return false;
        }
        error(exchange, 503, "Internal_ServiceUnavailable", "The service is temporarily unavailable.");
        return true;
    }

    private void route(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches() || !path.group(1).equals(settings.tenant())
                || !path.group(2).equals(settings.environment())) {
            error(exchange, 404, "BadRequest_NotFound", "No environment or API was found at "
                    + exchange.getRequestURI().getRawPath());
            return;
        }
        String method = exchange.getRequestMethod();
        String companyId = path.group(3);
        String set = path.group(4);
        String entityId = path.group(5);
        String subSet = path.group(6);
        count(method + " " + (set == null ? "companies" : subSet != null ? subSet : set));
        if (companyId == null && set == null) {
            collection(exchange, "companies", List.of(company.json()));
            return;
        }
        if (companyId == null || !company.id().toString().equalsIgnoreCase(companyId)) {
            error(exchange, 404, "BadRequest_NotFound", "The company '" + companyId + "' does not exist.");
            return;
        }
        if (set == null || !company.knows(set)) {
            error(exchange, 404, "BadRequest_NotFound", "Resource not found for the segment '" + set + "'.");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        boolean expandLines = SimulatedCompany.SalesDocument.of(set)
                .map(document -> document.lines.equals(query.get("$expand"))).orElse(false);
        String context = set;
        switch (method) {
            case "GET" -> {
                if (subSet != null) {
                    collection(exchange, set + "(" + entityId + ")/" + subSet, company.lines(set, entityId));
                } else if (entityId != null) {
                    ObjectNode entity = company.get(set, entityId).orElseThrow(() -> new ValidationException(404,
                            "BadRequest_NotFound", "The " + context + " does not exist."));
                    respond(exchange, 200, shaped(entity, expandLines));
                } else {
                    String[] filter = filter(query.get("$filter"));
                    collection(exchange, set, company.list(set, filter[0], filter[1]).stream()
                            .map(e -> shaped(e, expandLines)).toList());
                }
            }
            case "POST" -> {
                ObjectNode created = company.create(set, body(exchange));
                respond(exchange, 201, created);
                if (SimulatedCompany.SalesDocument.of(set).isPresent()) {
                    afterSalesDocumentCreated.accept(created);
                }
            }
            case "PATCH" -> respond(exchange, 200, company.patch(set, entityId, ifMatch(exchange), body(exchange)));
            case "DELETE" -> {
                company.delete(set, entityId, ifMatch(exchange));
                exchange.sendResponseHeaders(204, -1);
            }
            default -> error(exchange, 405, "BadRequest_MethodNotAllowed", "Method " + method + " is not allowed.");
        }
    }

    private ObjectNode shaped(ObjectNode entity, boolean expandLines) {
        if (!expandLines) {
            entity.remove(SimulatedCompany.SALES_INVOICE_LINES);
            entity.remove(SimulatedCompany.SALES_CREDIT_MEMO_LINES);
        }
        return entity;
    }

    private static String[] filter(String filter) {
        if (filter == null || filter.isBlank()) {
            return new String[] { null, null };
        }
        Matcher eq = EQ_FILTER.matcher(filter.trim());
        if (!eq.matches()) {
            throw new ValidationException(400, "BadRequest",
                    "The simulator supports only $filter=<field> eq '<value>': " + filter);
        }
        return new String[] { eq.group(1), eq.group(2).replace("''", "'") };
    }

    private static String ifMatch(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("If-Match");
    }

    private ObjectNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return (ObjectNode) mapper.readTree(in);
        } catch (ClassCastException | tools.jackson.core.JacksonException e) {
            throw new ValidationException(400, "BadRequest",
                    "The request body is not a JSON object: " + e.getMessage());
        }
    }

    private void count(String kind) {
        requestCounts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private void collection(HttpExchange exchange, String context, List<ObjectNode> values) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("@odata.context", baseUrl() + "/v2.0/" + settings.tenant() + "/" + settings.environment()
                + "/api/v2.0/$metadata#companies(" + company.id() + ")/" + context);
        body.putArray("value").addAll(values);
        respond(exchange, 200, body);
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message + "  CorrelationId:  " + UUID.randomUUID() + ".");
        respond(exchange, status, body);
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type",
                "application/json; odata.metadata=minimal; odata.streaming=true");
        if (body.has("@odata.etag")) {
            exchange.getResponseHeaders().set("ETag", body.get("@odata.etag").asString());
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Arrays.stream(rawQuery.split("&")).map(p -> p.split("=", 2))
                    .forEach(p -> query.put(decode(p[0]), p.length > 1 ? decode(p[1]) : ""));
        }
        return query;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
