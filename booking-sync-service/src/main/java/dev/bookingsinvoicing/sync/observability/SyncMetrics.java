package dev.bookingsinvoicing.sync.observability;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The sync's Micrometer meters, tagged by business: {@code bookings.sync.published} (kind = service, customer,
 * appointment, cancellation), {@code bookings.sync.pages} (endpoint), {@code bookings.sync.retries} (status),
 * {@code bookings.sync.rejected} and the timer {@code bookings.sync.run} (outcome = success, failure).
 */
@Component
public class SyncMetrics {

    private final MeterRegistry registry;

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

    public void run(String businessId, boolean success, Duration duration) {
        registry.timer("bookings.sync.run", "business", businessId, "outcome", success ? "success" : "failure")
                .record(duration);
    }
}
