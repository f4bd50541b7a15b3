package dev.bookingsinvoicing.sync.graph;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.microsoft.kiota.ApiException;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Graph;

/**
 * Retries one business's Graph requests within one run: 429, 503 and 504 (and timeouts) are retried, waiting as long
 * as Retry-After says (seconds or an HTTP-date) or, without it, an exponential backoff with jitter; bounded by a
 * number of retries per request and a total wait per run. It waits on the calling thread, which is the sync's own
 * (scheduler or API request), never a Kafka consumer.
 */
public final class GraphRetry {

    /** How the retry waits; the real one sleeps. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Told about each retry before its wait, and about the outcome of every request (metrics). */
    @FunctionalInterface
    public interface Listener {
        void retrying(int status, Duration wait);

        /** After each request: {@code ok}, a retryable answer ({@code 429}, {@code 503}, {@code 504},
         * {@code timeout}) or {@code failed}. */
        default void requested(String outcome) {
        }
    }

    /** Thrown when the retries or the wait budget of the run are used up. */
    public static final class GaveUpException extends RuntimeException {
        GaveUpException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GraphRetry.class);
    private static final Set<Integer> RETRYABLE = Set.of(429, 503, 504);

    private final Graph settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Listener listener;
    private Duration waited = Duration.ZERO;
    private int retries;

    public GraphRetry(Graph settings, Clock clock, Sleeper sleeper, Listener listener) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    /** Runs the request, retrying what may be retried. */
    public <T> T call(String what, Supplier<T> request) {
        for (int attempt = 0;; attempt++) {
            try {
                T answer = request.get();
                listener.requested("ok");
                return answer;
            } catch (RuntimeException e) {
                int status = status(e);
                listener.requested(status == 0 ? "failed" : tag(status));
                if (status == 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (attempt >= settings.maxRetries()) {
                    throw new GaveUpException(what + ": still " + describe(status) + " after " + attempt
                            + " retries", e);
                }
                Duration wait = delay(e, attempt);
                if (waited.plus(wait).compareTo(settings.maxRetryWait()) > 0) {
                    throw new GaveUpException(what + ": " + describe(status) + " asks to wait " + wait
                            + " but this run already waited " + waited + " of at most " + settings.maxRetryWait(), e);
                }
                log.info("{}: {}, retry {} in {} ms", what, describe(status), attempt + 1, wait.toMillis());
                listener.retrying(status, wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(what + ": interrupted while waiting to retry", interrupted);
                }
                waited = waited.plus(wait);
                retries++;
            }
        }
    }

    public int retries() {
        return retries;
    }

    public Duration waited() {
        return waited;
    }

    /** The HTTP status worth retrying, -1 for a timeout, 0 when the failure is not retryable. */
    static int status(RuntimeException e) {
        if (e instanceof ApiException api) {
            return RETRYABLE.contains(api.getResponseStatusCode()) ? api.getResponseStatusCode() : 0;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return -1; // OkHttp's call/read timeout: the request may be retried
            }
        }
        return 0;
    }

    Duration delay(RuntimeException e, int attempt) {
        Duration cap = settings.backoffMax();
        if (e instanceof ApiException api && api.getResponseHeaders() != null) {
            var values = api.getResponseHeaders().get("Retry-After");
            if (values != null && !values.isEmpty()) {
                Duration retryAfter = retryAfter(values.iterator().next().trim());
                if (retryAfter != null) {
                    return retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
                }
            }
        }
        long ceiling = Math.min(cap.toMillis(), settings.backoffInitial().toMillis() << Math.min(attempt, 20));
        // "equal jitter": half of the exponential step fixed, half random, so instances spread out but still back off
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** Retry-After as delta-seconds or an HTTP-date (RFC 9110); null when it is neither. */
    Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeException notADate) {
                return null;
            }
        }
    }

    /** A retryable status as a metric tag: the HTTP status, or {@code timeout}. */
    public static String tag(int status) {
        return status == -1 ? "timeout" : String.valueOf(status);
    }

    private static String describe(int status) {
        return status == -1 ? "timed out" : "HTTP " + status;
    }
}
