package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;
import java.util.List;

import dev.bookingsinvoicing.sync.domain.BookingsData.Rejection;

/**
 * What one run did for one business.
 *
 * @param fullWindow     whether it read the whole lookback window (a reconciliation) or only since the watermark
 * @param windowStart    start of the calendar window read (its end is the run's "now")
 * @param published      events published (services, customers, completed and cancelled appointments)
 * @param unchanged      things read that were already published with the same content
 * @param retries        Graph requests retried (throttling, 503/504, timeouts)
 * @param retryWaitMillis time spent waiting before those retries
 * @param rejected       items Graph returned that no event could be made of, with the reason
 * @param warnings       data that was published but looks wrong (e.g. an appointment of an unknown service)
 * @param error          why the run failed for this business, null when it succeeded
 */
public record BusinessRunSummary(String businessId, boolean fullWindow, Instant windowStart, int services,
        int customers, int appointments, int servicesPublished, int customersPublished, int appointmentsPublished,
        int cancellationsPublished, int unchanged, int retries, long retryWaitMillis, List<Rejection> rejected,
        List<String> warnings, String error) {

    public BusinessRunSummary {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static BusinessRunSummary failure(String businessId, String error) {
        return new BusinessRunSummary(businessId, false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(),
                error);
    }

    public int published() {
        return servicesPublished + customersPublished + appointmentsPublished + cancellationsPublished;
    }
}
