package dev.bookingsinvoicing.sync.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.domain.BusinessRunSummary;

/**
 * The outcome of the sync per business, and whether the first full sync is done: the local stack and end-to-end tests
 * wait on {@link #firstSyncCompleted()}, operators read it at {@code GET /api/sync/status} and in actuator health.
 */
@Component
public class SyncStatus {

    /**
     * The last run of one business.
     *
     * @param lastRunAt      when its last run started
     * @param lastSuccessAt  when its last successful run ended
     * @param syncedUpTo     the "as of" of the last successful run (its watermark): the lag is now minus this
     * @param lastError      the last error, kept until the next success
     * @param lastRun        what the last run did, rejections and warnings included
     */
    public record BusinessStatus(String businessId, Instant lastRunAt, Instant lastSuccessAt, Instant syncedUpTo,
            String lastError, Instant lastErrorAt, BusinessRunSummary lastRun) {

        /** How far behind Bookings this business is, null before its first success. */
        public Duration lag(Instant now) {
            return syncedUpTo == null ? null : Duration.between(syncedUpTo, now);
        }

        public boolean failing() {
            return lastError != null;
        }
    }

    private final Map<String, BusinessStatus> businesses = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();

    public void started(String businessId, Instant at) {
        businesses.compute(businessId, (id, previous) -> previous == null
                ? new BusinessStatus(id, at, null, null, null, null, null)
                : new BusinessStatus(id, at, previous.lastSuccessAt(), previous.syncedUpTo(), previous.lastError(),
                        previous.lastErrorAt(), previous.lastRun()));
    }

    public void succeeded(BusinessRunSummary summary, Instant asOf, Instant at) {
        businesses.compute(summary.businessId(), (id, previous) -> new BusinessStatus(id,
                previous == null ? at : previous.lastRunAt(), at, asOf, null, null, summary));
    }

    public void failed(BusinessRunSummary summary, Instant at) {
        businesses.compute(summary.businessId(), (id, previous) -> new BusinessStatus(id,
                previous == null ? at : previous.lastRunAt(), previous == null ? null : previous.lastSuccessAt(),
                previous == null ? null : previous.syncedUpTo(), summary.error(), at, summary));
    }

    /** After a run over the given businesses: the first sync is done once each of them succeeded at least once. */
    public void runFinished(Collection<String> enabledBusinessIds) {
        if (enabledBusinessIds.stream()
                .allMatch(id -> businesses.containsKey(id) && businesses.get(id).lastSuccessAt() != null)) {
            firstSync.complete(null);
        }
    }

    /** Completes once every enabled business has been synced successfully at least once. */
    public CompletableFuture<Void> firstSyncCompleted() {
        return firstSync.copy();
    }

    public boolean firstSyncDone() {
        return firstSync.isDone();
    }

    public List<BusinessStatus> businesses() {
        return businesses.values().stream().sorted(Comparator.comparing(BusinessStatus::businessId)).toList();
    }

    /** The status of one business, null if it never ran. */
    public BusinessStatus business(String businessId) {
        return businesses.get(businessId);
    }
}
