package dev.bookingsinvoicing.sync.run;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the sync every {@code bookings.sync.interval} on the scheduler thread (never a Kafka consumer thread). */
@Component
@ConditionalOnProperty(prefix = "bookings.sync", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SyncScheduler {

    private final SyncRunner runner;

    public SyncScheduler(SyncRunner runner) {
        this.runner = runner;
    }

    @Scheduled(fixedDelayString = "${bookings.sync.interval:PT1M}", initialDelayString = "${bookings.sync.initial-delay:PT0S}")
    void runScheduled() {
        runner.run();
    }
}
