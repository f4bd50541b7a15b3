package dev.bookingsinvoicing.sync.run;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;


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
