package dev.bookingsinvoicing.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.admin.Admin;

import dev.bookingsinvoicing.schemas.Topics;

/**
 * Samples, once a second, the view consumer group's lag (AdminClient committed offsets vs end offsets), the
 * appointments produced so far, the rows in the view, heap and RSS, into {@code lag.csv}.
 */
final class LagSampler implements AutoCloseable {

    static final String VIEW_GROUP = "invoicing-view";
    private static final List<String> VIEW_TOPICS = List.of(Topics.APPOINTMENTS, Topics.CUSTOMER_REGISTRATIONS,
            Topics.ITEM_REGISTRATIONS);

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxLag;

    LagSampler(Path csv, int size, String scenario, Admin admin, LongSupplier viewRows) {
        try {
            if (!Files.exists(csv)) {
                Files.createDirectories(csv.getParent());
                Files.writeString(csv, "size,scenario,elapsed_s,appointments_produced,view_lag,view_rows,heap_used_mib,"
                        + "rss_mib\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long start = System.nanoTime();
        thread = new Thread(() -> {
            try (Writer out = Files.newBufferedWriter(csv, StandardOpenOption.APPEND)) {
                while (running) {
                    long produced = Kafka.sum(Kafka.endOffsets(admin, List.of(Topics.APPOINTMENTS)));
                    long lag = Kafka.lag(admin, VIEW_GROUP, VIEW_TOPICS);
                    maxLag = Math.max(maxLag, lag);
                    long rows = viewRows.getAsLong();
                    out.write(String.format(Locale.ROOT, "%d,%s,%.1f,%d,%d,%d,%.0f,%.0f%n", size, scenario,
                            (System.nanoTime() - start) / 1e9, produced, lag, rows, Footprint.heapUsedMiB(),
                            Footprint.rssMiB()));
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                System.err.println("lag sampler stopped: " + e);
            }
        }, "lag-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long maxLag() {
        return maxLag;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(15_000);
    }
}
