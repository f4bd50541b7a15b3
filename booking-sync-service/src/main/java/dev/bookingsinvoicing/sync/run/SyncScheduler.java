package dev.bookingsinvoicing.sync.run;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ticks every {@code bookings.sync.interval} on the scheduler thread (never a Kafka consumer thread) and syncs the
 * businesses that are due by their own sync-interval.
 */
@Component
@ConditionalOnProperty(prefix = "bookings.sync", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SyncScheduler {

    private final SyncRunner runner;
    private final RunControl control;

    public SyncScheduler(SyncRunner runner, RunControl control) {
        this.runner = runner;
        this.control = control;
    }

    @Scheduled(fixedDelayString = "${bookings.sync.interval:PT1M}", initialDelayString = "${bookings.sync.initial-delay:PT0S}")
    void runScheduled() {
        if (!control.stopping()) {
            try {
                runner.run(new SyncRunner.Request(null, false, true, null));
            } catch (RunControl.StoppedException stopping) {
                // shutting down: the run ended cleanly at a page boundary
            }
        }
    }
}
