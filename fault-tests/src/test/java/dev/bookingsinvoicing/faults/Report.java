package dev.bookingsinvoicing.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Figures of a run, appended to {@code target/fault-results.md} (the source of docs/reliability.md). */
final class Report {

    private static final Logger log = LoggerFactory.getLogger(Report.class);
    private static final Path FILE = Path.of("target", "fault-results.md");

    private Report() {
    }

    static synchronized void line(String faultCase, String text) {
        String line = String.format("- %s [%s, size %s] %s%n", Instant.now(), faultCase, FaultSize.current().name(), text);
        log.info(line.trim());
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets time pass where a fault needs it to (a random kill point, an outage that lasts). */
    static void pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        Awaitility.await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }
}
