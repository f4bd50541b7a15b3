package dev.bookingsinvoicing.sync.observability;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The sync's Micrometer meters, tagged by business: {@code bookings.sync.published} (kind = service, customer,
 * appointment, cancellation), {@code bookings.sync.pages} (endpoint), {@code bookings.sync.retries} (status),
 * {@code bookings.sync.rejected}, the gauge {@code bookings.sync.quarantined} (kind = appointment, customer, service:
 * records kept because they could not be used) and the timer {@code bookings.sync.run} (outcome = success, failure);
 * for Microsoft Graph, {@code bookings.graph.requests} (outcome = ok, 429, 503, 504, timeout, failed: every request,
 * retries included) and the timer {@code bookings.graph.retry.wait} (status: how long the sync waited before
 * retrying, as Retry-After said or backing off).
 */
@Component
public class SyncMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> quarantined = new ConcurrentHashMap<>();

    public SyncMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable(SimpleMeterRegistry::new);
    }

    public void published(String businessId, String kind, int count) {
        if (count > 0) {
            registry.counter("bookings.sync.published", "business", businessId, "kind", kind).increment(count);
        }
    }

    public void pageFetched(String businessId, String endpoint) {
        registry.counter("bookings.sync.pages", "business", businessId, "endpoint", endpoint).increment();
    }

    public void retried(String businessId, String status, Duration wait) {
        registry.counter("bookings.sync.retries", "business", businessId, "status", status).increment();
        Timer.builder("bookings.graph.retry.wait").tags("business", businessId, "status", status)
                .description("Waits before retrying a Graph request: Retry-After, or backing off").register(registry)
                .record(wait);
    }

    public void graphRequest(String businessId, String outcome) {
        Counter.builder("bookings.graph.requests").tags("business", businessId, "outcome", outcome)
                .description("Microsoft Graph requests, retries included, by outcome").register(registry).increment();
    }

    public void rejected(String businessId, int count) {
        if (count > 0) {
            registry.counter("bookings.sync.rejected", "business", businessId).increment(count);
        }
    }

    /** How many records of each kind one business has in quarantine after a run. */
    public void quarantined(String businessId, Map<Kind, Integer> counts) {
        counts.forEach((kind, count) -> {
            String name = kind.name().toLowerCase(Locale.ROOT);
            quarantined.computeIfAbsent(businessId + "|" + name, key -> registry.gauge("bookings.sync.quarantined",
                    Tags.of("business", businessId, "kind", name), new AtomicInteger())).set(count);
        });
    }

    public void run(String businessId, boolean success, Duration duration) {
        registry.timer("bookings.sync.run", "business", businessId, "outcome", success ? "success" : "failure")
                .record(duration);
    }
}
