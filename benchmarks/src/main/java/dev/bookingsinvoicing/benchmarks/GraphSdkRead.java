package dev.bookingsinvoicing.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.bookingsinvoicing.sync.domain.BookingsSource;

/**
 * The sync's Graph read alone: the same pages as {@link GraphPagesBaseline}, read through the running sync's own
 * {@link BookingsSource} (the Graph SDK's request builders, HTTP pipeline and models, then the sync's mapping to its
 * records), with nothing published and no state kept. It sits between the plain HTTP + Jackson baseline and the
 * whole sync run, and splits the sync's cost into the SDK's read and the sync's publishing.
 */
final class GraphSdkRead {

    /** What one read produced: items mapped, appointments among them, items rejected, and how long it took. */
    record Read(long items, long appointments, long rejected, double seconds) {
    }

    private GraphSdkRead() {
    }

    static Read read(BookingsSource source, List<String> businessIds, Instant from, Instant to, int parallel)
            throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<long[]>> runs = new ArrayList<>();
            for (String id : businessIds) {
                runs.add(pool.submit(() -> business(source.open(id), from, to)));
            }
            long items = 0;
            long appointments = 0;
            long rejected = 0;
            for (Future<long[]> run : runs) {
                long[] counts = run.get();
                items += counts[0];
                appointments += counts[1];
                rejected += counts[2];
            }
            return new Read(items, appointments, rejected, (System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** As a sync run reads a business: the business first (its time zone), services, customers, the calendar. */
    private static long[] business(BookingsSource.BusinessReader reader, Instant from, Instant to) {
        reader.business();
        var services = reader.services();
        var customers = reader.customers();
        AtomicLong appointments = new AtomicLong();
        AtomicLong rejected = new AtomicLong(services.rejected().size() + customers.rejected().size());
        reader.calendarView(from, to, page -> {
            appointments.addAndGet(page.items().size());
            rejected.addAndGet(page.rejected().size());
        });
        return new long[] {services.items().size() + customers.items().size() + appointments.get(), appointments.get(),
                rejected.get()};
    }
}
