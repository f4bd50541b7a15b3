package dev.bookingsinvoicing.sync.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.observability.SyncStatus.BusinessStatus;
import dev.bookingsinvoicing.sync.setup.BookingSyncSetup;
import dev.bookingsinvoicing.sync.setup.SetupStore;

/**
 * Actuator health {@code bookingsSync}: per enabled business its last success, last error and lag. A business whose
 * last run failed makes the status {@value #DEGRADED} (HTTP 200, see booking-sync-service.yml), not DOWN: Graph being
 * throttled or one business misconfigured is no reason to restart the service, and the others keep syncing.
 */
@Component("bookingsSync")
public class SyncHealthIndicator implements HealthIndicator {

    static final String DEGRADED = "DEGRADED";

    private final SyncStatus status;
    private final SetupStore setups;
    private final Clock clock;

    public SyncHealthIndicator(SyncStatus status, SetupStore setups, Clock clock) {
        this.status = status;
        this.setups = setups;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        List<String> enabled = setups.all().stream().filter(BookingSyncSetup::enabled).map(BookingSyncSetup::id)
                .toList();
        Map<String, Object> businesses = new LinkedHashMap<>();
        boolean failing = false;
        boolean neverSynced = false;
        for (String id : enabled) {
            BusinessStatus s = status.business(id);
            Map<String, Object> detail = new LinkedHashMap<>();
            if (s == null || s.lastSuccessAt() == null) {
                neverSynced = true;
            }
            if (s != null) {
                failing |= s.failing();
                detail.put("lastRunAt", s.lastRunAt());
                detail.put("lastSuccessAt", s.lastSuccessAt());
                detail.put("syncedUpTo", s.syncedUpTo());
                Duration lag = s.lag(now);
                detail.put("lagSeconds", lag == null ? null : lag.toSeconds());
                detail.put("lastError", s.lastError());
                detail.put("lastErrorAt", s.lastErrorAt());
            } else {
                detail.put("lastRunAt", null);
            }
            businesses.put(id, detail);
        }
        Status overall = failing ? new Status(DEGRADED, "the last run of a business failed")
                : neverSynced ? Status.UNKNOWN : Status.UP;
        return Health.status(overall).withDetail("businesses", businesses).build();
    }
}
