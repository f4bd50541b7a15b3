package dev.bookingsinvoicing.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

import tools.jackson.databind.node.ObjectNode;

/**
 * Fault injection for the simulator, configurable from Java while it serves: scripted answers per endpoint (the next
 * requests get 429 with Retry-After, 5xx, a slow answer, a malformed body), a random 429/5xx rate, and damaged items
 * (a rendered item changed before it is served, e.g. its email or start removed). Thread-safe.
 */
public final class Faults {

    /** The simulated endpoints a fault can target; {@link #ANY} matches every one. */
    public enum Endpoint {
        BUSINESSES, BUSINESS, SERVICES, CUSTOMERS, APPOINTMENTS, CALENDAR_VIEW, ANY
    }

    /**
     * One scripted answer.
     *
     * @param status     HTTP status to answer with instead of the data; 0 = serve the data normally (after delay)
     * @param retryAfter the Retry-After header value as sent (seconds or an HTTP-date), null = none
     * @param delay      how long to wait before answering
     * @param malformed  answer 200 with a body that is not JSON
     */
    public record Fault(int status, String retryAfter, Duration delay, boolean malformed) {

        public Fault {
            Objects.requireNonNull(delay, "delay");
        }

        /** Serve normally: a placeholder in a script ("the third page fails"). */
        public static Fault pass() {
            return new Fault(0, null, Duration.ZERO, false);
        }

        /** 429 Too Many Requests with {@code Retry-After: <seconds>}. */
        public static Fault tooManyRequests(int retryAfterSeconds) {
            return new Fault(429, String.valueOf(retryAfterSeconds), Duration.ZERO, false);
        }

        /** 429 Too Many Requests with {@code Retry-After: <HTTP-date>}. */
        public static Fault tooManyRequestsUntil(Instant until) {
            return new Fault(429, DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC)),
                    Duration.ZERO, false);
        }

        /** 429 without Retry-After: the client must back off on its own. */
        public static Fault tooManyRequests() {
            return new Fault(429, null, Duration.ZERO, false);
        }

        /** Any status (500, 503, 504 ...) with a Graph error body. */
        public static Fault status(int status) {
            return new Fault(status, null, Duration.ZERO, false);
        }

        /** The data, served after a pause. */
        public static Fault slow(Duration delay) {
            return new Fault(0, null, delay, false);
        }

        /** 200 with a truncated body that no JSON parser accepts. */
        public static Fault malformedBody() {
            return new Fault(0, null, Duration.ZERO, true);
        }
    }

    private record Target(String businessId, Endpoint endpoint) {
    }

    private record Rate(double probability, Fault fault) {
    }

    private final Map<Target, Deque<Fault>> scripts = new HashMap<>();
    private final Map<Target, Rate> rates = new HashMap<>();
    private final Map<String, Consumer<ObjectNode>> damage = new HashMap<>();
    private final Map<Endpoint, Integer> injected = new HashMap<>();
    private final Random random = new Random(7);

    Faults() {
    }

    /** The next requests to this endpoint of any business get these answers, one each, in order. */
    public Faults script(Endpoint endpoint, Fault... answers) {
        return script(null, endpoint, answers);
    }

    /** The next requests to this endpoint of this business (null = any) get these answers, one each, in order. */
    public synchronized Faults script(String businessId, Endpoint endpoint, Fault... answers) {
        scripts.computeIfAbsent(new Target(lower(businessId), endpoint), t -> new ArrayDeque<>())
                .addAll(List.of(answers));
        return this;
    }

    /** Each request to the endpoint gets {@code fault} with this probability (seeded, so runs repeat). */
    public synchronized Faults rate(Endpoint endpoint, double probability, Fault fault) {
        rates.put(new Target(null, endpoint), new Rate(probability, fault));
        return this;
    }

    /** Changes the JSON of the item with this id (appointment, customer, service) every time it is served. */
    public synchronized Faults damage(String itemId, Consumer<ObjectNode> change) {
        damage.put(itemId, change);
        return this;
    }

    /** Removes every script, rate and damage. */
    public synchronized void clear() {
        scripts.clear();
        rates.clear();
        damage.clear();
    }

    /** How many faults (other than {@link Fault#pass()}) were served on this endpoint so far. */
    public synchronized int injected(Endpoint endpoint) {
        return injected.getOrDefault(endpoint, 0);
    }

    /** Scripted answers not yet served, over every endpoint. */
    public synchronized int pending() {
        return scripts.values().stream().mapToInt(Deque::size).sum();
    }

    synchronized Fault next(String businessId, Endpoint endpoint) {
        for (Target target : List.of(new Target(lower(businessId), endpoint), new Target(null, endpoint),
                new Target(lower(businessId), Endpoint.ANY), new Target(null, Endpoint.ANY))) {
            Deque<Fault> script = scripts.get(target);
            if (script != null && !script.isEmpty()) {
                return count(endpoint, script.poll());
            }
        }
        for (Target target : List.of(new Target(null, endpoint), new Target(null, Endpoint.ANY))) {
            Rate rate = rates.get(target);
            if (rate != null && random.nextDouble() < rate.probability()) {
                return count(endpoint, rate.fault());
            }
        }
        return Fault.pass();
    }

    synchronized List<Consumer<ObjectNode>> damageFor(String itemId) {
        Consumer<ObjectNode> change = damage.get(itemId);
        return change == null ? List.of() : new ArrayList<>(List.of(change));
    }

    synchronized boolean hasDamage() {
        return !damage.isEmpty();
    }

    private Fault count(Endpoint endpoint, Fault fault) {
        if (!fault.equals(Fault.pass())) {
            injected.merge(endpoint, 1, Integer::sum);
        }
        return fault;
    }

    private static String lower(String businessId) {
        return businessId == null ? null : businessId.toLowerCase(java.util.Locale.ROOT);
    }
}
