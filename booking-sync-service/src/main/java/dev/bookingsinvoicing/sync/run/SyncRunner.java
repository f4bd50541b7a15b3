package dev.bookingsinvoicing.sync.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties;
import dev.bookingsinvoicing.sync.domain.BusinessRunSummary;
import dev.bookingsinvoicing.sync.domain.RunSummary;
import dev.bookingsinvoicing.sync.observability.SyncMetrics;
import dev.bookingsinvoicing.sync.observability.SyncStatus;
import dev.bookingsinvoicing.sync.setup.BookingSyncSetup;
import dev.bookingsinvoicing.sync.setup.SetupStore;

/**
 * Runs the sync over the enabled businesses of the setup collection, up to {@code bookings.sync.parallel-businesses}
 * of them at the same time on a pool of that many threads (each business stays sequential inside: one Graph request
 * in flight per business, so per mailbox); one business failing is logged and recorded in {@link SyncStatus} without
 * stopping the others, and the run's summaries come in setup order whatever order the businesses finish in. Runs
 * never overlap (scheduler and API share the lock): the scheduler thread or an API request thread holds the lock and
 * waits for every business of its run, which never runs on a Kafka consumer thread.
 */
@Component
public class SyncRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    /**
     * What to run.
     *
     * @param asOf       the run's "now" (null = the clock's, taken once the run holds the lock)
     * @param fullWindow read the whole lookback window whatever the watermark (a reconciliation)
     * @param onlyDue    skip businesses whose own sync-interval has not elapsed since their last run (the schedule)
     * @param businesses only these business ids (null = every enabled one)
     */
    public record Request(Instant asOf, boolean fullWindow, boolean onlyDue, Collection<String> businesses) {

        public static Request now() {
            return new Request(null, false, false, null);
        }
    }

    private final BusinessSynchronizer synchronizer;
    private final SetupStore setups;
    private final SyncStatus status;
    private final SyncMetrics metrics;
    private final BookingSyncProperties properties;
    private final RunControl control;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private final ExecutorService businessPool;
    private volatile boolean seeded;

    public SyncRunner(BusinessSynchronizer synchronizer, SetupStore setups, SyncStatus status, SyncMetrics metrics,
            BookingSyncProperties properties, RunControl control, Clock clock) {
        this.synchronizer = synchronizer;
        this.setups = setups;
        this.status = status;
        this.metrics = metrics;
        this.properties = properties;
        this.control = control;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.businessPool = Executors.newFixedThreadPool(properties.parallelBusinesses(), runnable -> {
            Thread thread = new Thread(runnable, "booking-sync-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Shuts the pool down once the application context closes (RunControl has let every run end by then). */
    @Override
    public void destroy() {
        businessPool.shutdownNow();
    }

    /** A run as of now over every enabled business. */
    public RunSummary run() {
        return run(Request.now());
    }

    /** A run as of the given instant over every enabled business. */
    public RunSummary run(Instant asOf) {
        return run(new Request(asOf, false, false, null));
    }

    public RunSummary run(Request request) {
        running.lock();
        try {
            control.enter();
            return runLocked(request);
        } finally {
            running.unlock();
        }
    }

    private RunSummary runLocked(Request request) {
        try {
            ensureSeeded();
            // millisecond precision, as MongoDB stores the watermark
            Instant now = (request.asOf() != null ? request.asOf() : clock.instant()).truncatedTo(ChronoUnit.MILLIS);
            List<BookingSyncSetup> enabled = setups.all().stream().filter(BookingSyncSetup::enabled).toList();
            List<CompletableFuture<BusinessRunSummary>> runs = new ArrayList<>();
            for (BookingSyncSetup setup : enabled) {
                if (request.businesses() != null && !request.businesses().contains(setup.id())) {
                    continue;
                }
                // due-ness is wall-clock time (when the business last ran), whatever "as of" the run is for
                if (request.onlyDue() && !due(setup, clock.instant())) {
                    continue;
                }
                runs.add(CompletableFuture.supplyAsync(() -> {
                    control.checkpoint(); // a business still waiting for a thread when the application stops is skipped
                    return syncOne(setup, now, request.fullWindow());
                }, businessPool));
            }
            List<BusinessRunSummary> summaries = summaries(runs);
            status.runFinished(enabled.stream().map(BookingSyncSetup::id).toList());
            return new RunSummary(now, clock.instant(), summaries);
        } finally {
            control.exit();
        }
    }

    /**
     * Waits for every business of the run (so that none is still running once the run has left {@link RunControl})
     * and returns their summaries in the order they were started; a stop for shutdown is rethrown after that.
     */
    private static List<BusinessRunSummary> summaries(List<CompletableFuture<BusinessRunSummary>> runs) {
        List<BusinessRunSummary> summaries = new ArrayList<>();
        CompletionException failed = null;
        for (CompletableFuture<BusinessRunSummary> run : runs) {
            try {
                summaries.add(run.join());
            } catch (CompletionException e) {
                // syncOne records every failure itself; only a stop (or an Error) gets here
                failed = failed != null ? failed : e;
            }
        }
        if (failed != null) {
            throw failed.getCause() instanceof RuntimeException stop ? stop : failed;
        }
        return summaries;
    }

    /** Seeds the setup collection from configuration once (insert-if-absent, so safe on every instance). */
    public void ensureSeeded() {
        if (!seeded) {
            setups.seed(properties.businesses());
            seeded = true;
        }
    }

    private boolean due(BookingSyncSetup setup, Instant now) {
        SyncStatus.BusinessStatus last = status.business(setup.id());
        Duration interval = setup.interval(properties.interval());
        return last == null || last.lastRunAt() == null || !last.lastRunAt().plus(interval).isAfter(now);
    }

    private BusinessRunSummary syncOne(BookingSyncSetup setup, Instant now, boolean fullWindow) {
        String businessId = setup.id();
        long started = System.nanoTime();
        status.started(businessId, clock.instant());
        try {
            BusinessRunSummary summary = synchronizer.sync(setup, now, fullWindow);
            status.succeeded(summary, now, clock.instant());
            metrics.run(businessId, true, Duration.ofNanos(System.nanoTime() - started));
            if (summary.published() > 0 || !summary.rejected().isEmpty()) {
                log.info("Bookings business {}: published {} services, {} customers, {} completed and {} cancelled "
                        + "appointments ({} unchanged, {} rejected, {} retries, {} window from {})", businessId,
                        summary.servicesPublished(), summary.customersPublished(), summary.appointmentsPublished(),
                        summary.cancellationsPublished(), summary.unchanged(), summary.rejected().size(),
                        summary.retries(), summary.fullWindow() ? "full" : "incremental", summary.windowStart());
            }
            summary.rejected().forEach(r -> log.warn("Bookings business {}: rejected {} {}: {}", businessId, r.kind(),
                    r.id(), r.reason()));
            summary.warnings().forEach(w -> log.warn("Bookings business {}: {}", businessId, w));
            return summary;
        } catch (RuntimeException e) {
            if (e instanceof RunControl.StoppedException) {
                log.info("Bookings business {}: run stopped for shutdown; the next run repeats the window", businessId);
                status.failed(BusinessRunSummary.failure(businessId, e.getMessage()), clock.instant());
                throw e;
            }
            // keep going with the other businesses; what was acknowledged is stored, the watermark did not move
            log.warn("Bookings business {}: sync failed, the next run repeats the window: {}", businessId,
                    e.toString());
            log.debug("Bookings business {}: sync failure", businessId, e);
            BusinessRunSummary summary = BusinessRunSummary.failure(businessId, String.valueOf(e));
            status.failed(summary, clock.instant());
            metrics.run(businessId, false, Duration.ofNanos(System.nanoTime() - started));
            return summary;
        }
    }
}
