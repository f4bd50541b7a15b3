package dev.bookingsinvoicing.bc.client;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Business Central's limits for one service principal, kept by every request of this process: at most
 * {@code maxConcurrentRequests} in flight (a semaphore), at most {@code requestsPerSecond} started per second
 * (Resilience4j's rate limiter, so no 5-minute window exceeds the 6,000 allowed), and none during a cool-off after a
 * 429 (every thread waits out the Retry-After one of them was given, as Business Central throttles the user, not the
 * request).
 */
public final class RequestLimits {

    private final Semaphore inFlight;
    private final RateLimiter rate;
    private final AtomicLong coolOffUntilNanos = new AtomicLong(System.nanoTime());

    public RequestLimits(int maxConcurrentRequests, int requestsPerSecond) {
        this.inFlight = new Semaphore(maxConcurrentRequests, true);
        this.rate = RateLimiter.of("business-central", RateLimiterConfig.custom().limitForPeriod(requestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofMinutes(10)).build());
    }

    /** Runs one request within the limits. */
    public <T> T call(Supplier<T> request) throws InterruptedException {
        waitOutCoolOff();
        RateLimiter.waitForPermission(rate);
        inFlight.acquire();
        try {
            return request.get();
        } finally {
            inFlight.release();
        }
    }

    /** No request of this process starts before {@code pause} has passed. */
    public void coolOff(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        coolOffUntilNanos.accumulateAndGet(until, (current, next) -> next - current > 0 ? next : current);
    }

    private void waitOutCoolOff() throws InterruptedException {
        long left;
        while ((left = coolOffUntilNanos.get() - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
