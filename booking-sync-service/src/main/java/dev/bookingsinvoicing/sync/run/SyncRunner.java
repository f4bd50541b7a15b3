package dev.bookingsinvoicing.sync.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties;

/**
 * Runs the sync over every enabled business, one at a time; one business failing is logged and recorded in
 * {@link SyncStatus} without stopping the others. Runs never overlap (scheduler and API share the lock).
 */
@Component
public class SyncRunner {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final BusinessSynchronizer synchronizer;
    private final SyncStatus status;
    private final BookingSyncProperties properties;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public SyncRunner(BusinessSynchronizer synchronizer, SyncStatus status, BookingSyncProperties properties,
            Clock clock) {
        this.synchronizer = synchronizer;
        this.status = status;
        this.properties = properties;
        this.clock = clock;
    }

    /** A run as of now. */
    public RunSummary run() {
        return run(null);
    }

    /** A run as of the given instant (null = the clock's now, taken once the run holds the lock). */
    public RunSummary run(Instant asOf) {
        running.lock();
        try {
            Instant now = asOf != null ? asOf : clock.instant();
            List<BusinessRunSummary> summaries = new ArrayList<>();
            List<String> ids = properties.enabledBusinesses().stream().map(BookingSyncProperties.Business::id).toList();
            for (String businessId : ids) {
                summaries.add(syncOne(businessId, now));
            }
            status.runFinished(ids);
            return new RunSummary(now, clock.instant(), summaries);
        } finally {
            running.unlock();
        }
    }

    private BusinessRunSummary syncOne(String businessId, Instant now) {
        try {
            BusinessRunSummary summary = synchronizer.sync(businessId, now);
            status.succeeded(summary, clock.instant());
            if (summary.published() > 0) {
                log.info("Bookings business {}: published {} services, {} customers, {} completed and {} cancelled "
                        + "appointments ({} unchanged)", businessId, summary.servicesPublished(),
                        summary.customersPublished(), summary.appointmentsPublished(),
                        summary.cancellationsPublished(), summary.unchanged());
            }
            return summary;
        } catch (RuntimeException e) {
            // keep going with the other businesses; the state of what was acknowledged is already stored
            log.warn("Bookings business {}: sync failed, will retry next run", businessId, e);
            BusinessRunSummary summary = BusinessRunSummary.failure(businessId, String.valueOf(e));
            status.failed(summary, clock.instant());
            return summary;
        }
    }
}
