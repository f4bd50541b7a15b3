package dev.bookingsinvoicing.sync.run;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Lets a run in progress stop cleanly when the application shuts down: it stops at the next page boundary or retry
 * wait, so nothing half-done is recorded and the watermark stays where it was (the next run repeats the window).
 * Stopping waits a bounded time for the run to leave, before Kafka and MongoDB clients are closed.
 */
@Component
public class RunControl implements SmartLifecycle {

    /** Thrown inside a run when the application is stopping. */
    public static final class StoppedException extends RuntimeException {
        StoppedException() {
            super("the application is stopping; the run ends here and is repeated from the same watermark");
        }
    }

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Object monitor = new Object();
    private volatile boolean stopping;
    private volatile boolean started;
    private int activeRuns;

    /** Called when a run starts; refuses to start one while stopping. */
    void enter() {
        synchronized (monitor) {
            checkpoint();
            activeRuns++;
        }
    }

    void exit() {
        synchronized (monitor) {
            activeRuns--;
            monitor.notifyAll();
        }
    }

    /** Throws {@link StoppedException} once the application is stopping. */
    public void checkpoint() {
        if (stopping) {
            throw new StoppedException();
        }
    }

    /** Waits like Thread.sleep, but returns early (throwing {@link StoppedException}) when the application stops. */
    public void sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (monitor) {
            long remaining;
            while (!stopping && (remaining = deadline - System.nanoTime()) > 0) {
                monitor.wait(Math.max(1, remaining / 1_000_000));
            }
        }
        checkpoint();
    }

    public boolean stopping() {
        return stopping;
    }

    @Override
    public void start() {
        stopping = false;
        started = true;
    }

    @Override
    public void stop() {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        synchronized (monitor) {
            stopping = true;
            monitor.notifyAll();
            long remaining;
            while (activeRuns > 0 && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    monitor.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
