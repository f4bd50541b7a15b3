package dev.bookingsinvoicing.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Microsoft Graph v1.0 Bookings simulator: serves the seeded {@link SimulatedTenant} under
 * {@code /v1.0/solutions/bookingBusinesses} in Graph's JSON shapes, paged with {@code @odata.nextLink}, behind a
 * bearer token. Runs on the JDK's HTTP server so it starts in milliseconds inside any JVM.
 */
public final class BookingsSimulator implements AutoCloseable {

    private static final String BUSINESSES_PATH = "/v1.0/solutions/bookingBusinesses";

    private final SimulatorSettings settings;
    private final SimulatedTenant tenant;
    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final GraphJson json;
    private final Faults faults = new Faults();
    private final InFlight inFlight = new InFlight();
    // the last requests only: a simulator left running for days must not grow without bound
    private static final int REQUEST_LOG_SIZE = 2000;
    private final Deque<String> requests = new ArrayDeque<>();

    private BookingsSimulator(SimulatorSettings settings) throws IOException {
        this.settings = settings;
        this.json = new GraphJson(mapper, settings.appointmentTimeKeys());
        this.tenant = new TenantGenerator(settings).generate();
        this.server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "bookings-simulator");
            thread.setDaemon(true); // never keeps a test JVM alive
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v1.0/", this::handle);
        server.start();
    }

    /** Generates the tenant from the settings and starts serving it; port 0 picks a free port. */
    public static BookingsSimulator start(SimulatorSettings settings) {
        try {
            return new BookingsSimulator(settings);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Bookings simulator on port " + settings.port(), e);
        }
    }

    /**
     * Standalone: {@code java -jar bookings-simulator.jar [port]} (or env BOOKINGS_SIMULATOR_PORT, default 8090);
     * BOOKINGS_SIMULATOR_SEED, _TOKEN, _APPOINTMENT_TIME_KEYS ({@code START_DATE_TIME} or {@code START_END}) and
     * _IMPLAUSIBLE_RECORDS ({@code true} or {@code false}) as in {@link SimulatorSettings}.
     */
    public static void main(String[] args) throws InterruptedException {
        // System.getenv().getOrDefault("NAME" spelled out: deployment-tests checks the compose file against these
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("BOOKINGS_SIMULATOR_PORT",
                String.valueOf(SimulatorSettings.DEFAULT_PORT));
        SimulatorSettings settings = SimulatorSettings.defaults().withPort(Integer.parseInt(port))
                .withSeed(Long.parseLong(System.getenv().getOrDefault("BOOKINGS_SIMULATOR_SEED", "42")))
                .withAccessToken(System.getenv().getOrDefault("BOOKINGS_SIMULATOR_TOKEN", SimulatorSettings.DEFAULT_TOKEN))
                .withAppointmentTimeKeys(SimulatorSettings.AppointmentTimeKeys.valueOf(
                        System.getenv().getOrDefault("BOOKINGS_SIMULATOR_APPOINTMENT_TIME_KEYS", "START_DATE_TIME")))
                .withImplausibleRecords(Boolean.parseBoolean(
                        System.getenv().getOrDefault("BOOKINGS_SIMULATOR_IMPLAUSIBLE_RECORDS", "true")));
        BookingsSimulator simulator = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("Bookings simulator: Graph base " + simulator.baseUrl() + "/v1.0, token "
                + simulator.accessToken() + ", businesses " + simulator.tenant().businesses().stream()
                        .map(Business::id).toList());
        new CountDownLatch(1).await();
    }

    /** E.g. {@code http://localhost:8090}; the Graph base URL is {@code baseUrl() + "/v1.0"}. */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The bearer token requests must carry. */
    public String accessToken() {
        return settings.accessToken();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** Fault injection: scripted or random errors, slow answers, malformed bodies and damaged items. */
    public Faults faults() {
        return faults;
    }

    /** How many requests were answered at the same time, overall and per business. */
    public InFlight inFlight() {
        return inFlight;
    }

    /** The last requests served (up to 2000), as {@code path?query} (decoded), oldest first. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The live data; its mutators change what the next request sees. */
    public SimulatedTenant tenant() {
        return tenant;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String businessId = businessId(exchange.getRequestURI().getRawPath());
        inFlight.enter(businessId);
        try {
            answer(exchange);
        } finally {
            inFlight.exit(businessId);
        }
    }

    /** The business a path is about, null for the list of businesses or a path outside them. */
    private static String businessId(String rawPath) {
        return rawPath.startsWith(BUSINESSES_PATH + "/")
                ? decode(rawPath.substring(BUSINESSES_PATH.length() + 1).split("/")[0])
                : null;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + settings.accessToken()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "Request_BadRequest", "Only GET is simulated.");
                return;
            }
            route(exchange);
        } catch (RuntimeException e) {
            error(exchange, 500, "generalException", String.valueOf(e));
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String logged = decode(rawPath) + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
        synchronized (requests) {
            if (requests.size() == REQUEST_LOG_SIZE) {
                requests.removeFirst();
            }
            requests.addLast(logged);
        }
        if (injectFault(exchange, rawPath)) {
            return;
        }
        if (rawPath.equals(BUSINESSES_PATH)) {
            page(exchange, rawPath, query, "solutions/bookingBusinesses", tenant.businesses(), json::business);
            return;
        }
        if (!rawPath.startsWith(BUSINESSES_PATH + "/")) {
            error(exchange, 400, "BadRequest", "Resource not found for the segment '" + rawPath + "'.");
            return;
        }
        String[] segments = rawPath.substring(BUSINESSES_PATH.length() + 1).split("/");
        Business business;
        try {
            business = tenant.business(decode(segments[0]));
        } catch (NoSuchElementException e) {
            error(exchange, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
            return;
        }
        String context = "solutions/bookingBusinesses('" + business.id() + "')";
        if (segments.length == 1) {
            ObjectNode node = json.business(business);
            node.put("@odata.context", baseUrl() + "/v1.0/$metadata#solutions/bookingBusinesses/$entity");
            respond(exchange, 200, node);
            return;
        }
        switch (segments.length == 2 ? segments[1] : "") {
            case "customers" -> page(exchange, rawPath, query, context + "/customers", business.customers(),
                    damaged(json::customer));
            case "services" -> page(exchange, rawPath, query, context + "/services", business.services(),
                    damaged(json::service));
            case "appointments" -> page(exchange, rawPath, query, context + "/appointments", business.appointments(),
                    damaged(json::appointment));
            case "calendarView" -> calendarView(exchange, rawPath, query, context, business);
            default -> error(exchange, 400, "BadRequest", "Resource not found for the segment '" + rawPath + "'.");
        }
    }

    /** Answers with the next scripted or random fault for this endpoint; true when the answer is sent. */
    private boolean injectFault(HttpExchange exchange, String rawPath) throws IOException {
        String businessId = null;
        Faults.Endpoint endpoint = Faults.Endpoint.BUSINESSES;
        if (rawPath.startsWith(BUSINESSES_PATH + "/")) {
            String[] segments = rawPath.substring(BUSINESSES_PATH.length() + 1).split("/");
            businessId = decode(segments[0]);
            endpoint = segments.length == 1 ? Faults.Endpoint.BUSINESS : switch (segments[1]) {
                case "services" -> Faults.Endpoint.SERVICES;
                case "customers" -> Faults.Endpoint.CUSTOMERS;
                case "appointments" -> Faults.Endpoint.APPOINTMENTS;
                case "calendarView" -> Faults.Endpoint.CALENDAR_VIEW;
                default -> Faults.Endpoint.ANY;
            };
        }
        Faults.Fault fault = faults.next(businessId, endpoint);
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis()); // a slow Graph, on the simulator's own thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.malformed()) {
            byte[] bytes = "{\"value\": [{\"id\": \"trunc".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return true;
        }
        if (fault.status() == 0) {
            return false;
        }
        if (fault.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
        }
        String code = switch (fault.status()) {
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> "generalException";
        };
        error(exchange, fault.status(), code, "Injected fault " + fault.status() + ".");
        return true;
    }

    private void calendarView(HttpExchange exchange, String rawPath, Map<String, String> query, String context,
            Business business) throws IOException {
        Instant start;
        Instant end;
        try {
            start = instant(query.get("start"));
            end = instant(query.get("end"));
        } catch (DateTimeParseException | NullPointerException e) {
            error(exchange, 400, "ErrorInvalidParameter",
                    "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
            return;
        }
        page(exchange, rawPath, query, context + "/calendarView", business.appointments().stream()
                .filter(a -> a.start().isBefore(end) && a.end().isAfter(start)).toList(), damaged(json::appointment));
    }

    /** Serves one page of {@code all}, rendering only the items on it. */
    private <T> void page(HttpExchange exchange, String rawPath, Map<String, String> query, String context,
            List<T> all, Function<T, ObjectNode> render) throws IOException {
        int skip = Integer.parseInt(query.getOrDefault("$skip", "0"));
        int top = Math.min(Integer.parseInt(query.getOrDefault("$top", String.valueOf(settings.pageSize()))),
                settings.pageSize());
        ObjectNode body = mapper.createObjectNode();
        body.put("@odata.context", baseUrl() + "/v1.0/$metadata#" + context);
        ArrayNode value = body.putArray("value");
        all.stream().skip(skip).limit(top).map(render).forEach(value::add);
        if (skip + top < all.size()) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("$top", String.valueOf(top));
            next.put("$skip", String.valueOf(skip + top));
            body.put("@odata.nextLink", baseUrl() + rawPath + "?" + next.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&")));
        }
        respond(exchange, 200, body);
    }

    private <T> Function<T, ObjectNode> damaged(Function<T, ObjectNode> render) {
        return render.andThen(this::damaged);
    }

    private ObjectNode damaged(ObjectNode node) {
        if (faults.hasDamage() && node.hasNonNull("id")) {
            faults.damageFor(node.get("id").asString()).forEach(change -> change.accept(node));
        }
        return node;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(value).toInstant();
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

    // percent-decoding only: a '+' in a path or a timestamp offset is a plus, not a space
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.putObject("innerError").put("date", Instant.now().toString())
                .put("request-id", UUID.randomUUID().toString());
        respond(exchange, status, body);
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json;odata.metadata=minimal;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
