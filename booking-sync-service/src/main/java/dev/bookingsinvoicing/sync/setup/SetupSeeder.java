package dev.bookingsinvoicing.sync.setup;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.run.SyncRunner;

/** Seeds the Booking Sync setups from configuration at start-up, so the setup API shows them before the first run. */
@Component
public class SetupSeeder implements ApplicationRunner {

    private final SyncRunner runner;

    public SetupSeeder(SyncRunner runner) {
        this.runner = runner;
    }

    @Override
    public void run(ApplicationArguments args) {
        runner.ensureSeeded();
    }
}
