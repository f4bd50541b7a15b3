package dev.bookingsinvoicing.sync.run;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The schedule as configured (ISO-8601 durations, as in booking-sync-service.yml) starts a run of the due businesses right away. */
class SyncSchedulerTest {

    static final SyncRunner RUNNER = mock(SyncRunner.class);

    @Configuration
    @EnableScheduling
    static class Schedule {
        @Bean
        SyncScheduler syncScheduler() {
            return new SyncScheduler(RUNNER, new RunControl());
        }
    }

    @Test
    void runsOnTheSchedule() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("bookings.sync.interval", "PT1M", "bookings.sync.initial-delay", "PT0S")));
            context.register(Schedule.class);
            context.refresh();
            verify(RUNNER, timeout(5000)).run(new SyncRunner.Request(null, false, true, null));
        }
    }
}
