package dev.bookingsinvoicing.sync.run;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The outcome of the sync per business, and whether the first full sync is done: the local stack and end-to-end tests
 * wait on {@link #firstSyncCompleted()}, operators read it at {@code GET /api/sync/status}.
 */
@Component
public class SyncStatus {

    /** The last run of one business: when it last succeeded, the last error (kept until the next success). */
    public record BusinessStatus(String businessId, Instant lastRunAt, Instant lastSuccessAt, String lastError,
            Instant lastErrorAt, BusinessRunSummary lastRun) {
    }

    private final Map<String, BusinessStatus> businesses = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();

    void succeeded(BusinessRunSummary summary, Instant at) {
        businesses.put(summary.businessId(),
                new BusinessStatus(summary.businessId(), at, at, null, null, summary));
    }

    void failed(BusinessRunSummary summary, Instant at) {
        businesses.compute(summary.businessId(), (id, previous) -> new BusinessStatus(id, at,
                previous == null ? null : previous.lastSuccessAt(), summary.error(), at, summary));
    }

    /** After a run over the given businesses: the first sync is done once each of them succeeded at least once. */
    void runFinished(List<String> businessIds) {
        if (businessIds.stream().allMatch(id -> businesses.containsKey(id) && businesses.get(id).lastSuccessAt() != null)) {
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
}
