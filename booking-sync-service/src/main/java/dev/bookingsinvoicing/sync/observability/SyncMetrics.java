package dev.bookingsinvoicing.sync.observability;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The sync's Micrometer meters, tagged by business: {@code bookings.sync.published} (kind = service, customer,
 * appointment, cancellation), {@code bookings.sync.pages} (endpoint), {@code bookings.sync.retries} (status),
 * {@code bookings.sync.rejected}, the gauge {@code bookings.sync.quarantined} (kind = appointment, customer, service:
 * records kept because they could not be used) and the timer {@code bookings.sync.run} (outcome = success, failure).
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

    public void retried(String businessId, int status) {
        registry.counter("bookings.sync.retries", "business", businessId, "status",
                status == -1 ? "timeout" : String.valueOf(status)).increment();
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
