package dev.bookingsinvoicing.sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ApiExceptionBuilder;
import com.microsoft.kiota.ResponseHeaders;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Auth;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Graph;

class GraphRetryTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final Graph SETTINGS = new Graph("http://localhost:8090", Auth.STATIC_TOKEN, "t", null, null, null, 4,
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(30), null, null, null);

    final List<Duration> waits = new ArrayList<>();
    final List<Integer> statuses = new ArrayList<>();
    final GraphRetry retry = new GraphRetry(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC), waits::add,
            (status, wait) -> statuses.add(status));

    @Test
    void waitsAsRetryAfterSaysInSecondsOrAsAnHttpDate() {
        AtomicInteger calls = new AtomicInteger();
        String result = retry.call("GET x", () -> switch (calls.incrementAndGet()) {
            case 1 -> throw failure(429, "2");
            case 2 -> throw failure(503, "Fri, 20 Nov 2026 10:00:05 GMT");
            case 3 -> throw failure(504, "Fri, 20 Nov 2026 09:00:00 GMT"); // in the past: at once
            default -> "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ZERO);
        assertThat(statuses).containsExactly(429, 503, 504);
        assertThat(retry.retries()).isEqualTo(3);
        assertThat(retry.waited()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void withoutRetryAfterItBacksOffExponentiallyWithJitterUpToTheCap() {
        AtomicInteger calls = new AtomicInteger();
        Graph many = new Graph("http://localhost:8090", Auth.STATIC_TOKEN, "t", null, null, null, 10,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(10), null, null, null);
        GraphRetry backoff = new GraphRetry(many, Clock.systemUTC(), waits::add, (s, w) -> { });
        backoff.call("GET x", () -> {
            if (calls.incrementAndGet() <= 6) {
                throw failure(429, null);
            }
            return "ok";
        });
        // steps 1, 2, 4, 8, 8, 8 s: each wait between half the step and the step
        long[] steps = { 1000, 2000, 4000, 8000, 8000, 8000 };
        assertThat(waits).hasSize(6);
        for (int i = 0; i < steps.length; i++) {
            assertThat(waits.get(i).toMillis()).isBetween(steps[i] / 2, steps[i]);
        }
    }

    @Test
    void givesUpAfterTheRetriesOrTheWaitBudgetOfTheRunAndNeverRetriesOtherErrors() {
        assertThatThrownBy(() -> retry.call("GET x", () -> {
            throw failure(429, "1");
        })).isInstanceOf(GraphRetry.GaveUpException.class).hasMessageContaining("after 4 retries");

        GraphRetry fresh = new GraphRetry(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC), waits::add, (s, w) -> { });
        assertThatThrownBy(() -> fresh.call("GET x", () -> {
            throw failure(429, "20");
        })).isInstanceOf(GraphRetry.GaveUpException.class).hasMessageContaining("at most PT30S");

        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> fresh.call("GET x", () -> {
            calls.incrementAndGet();
            throw failure(404, null);
        })).isInstanceOf(ApiException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRetryAfterLongerThanTheCapIsCapped() {
        assertThat(retry.delay(failure(429, "3600"), 0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(retry.retryAfter("soon")).isNull();
    }

    static ApiException failure(int status, String retryAfter) {
        ResponseHeaders headers = new ResponseHeaders();
        if (retryAfter != null) {
            headers.add("Retry-After", retryAfter);
        }
        return new ApiExceptionBuilder().withMessage("HTTP " + status).withResponseStatusCode(status)
                .withResponseHeaders(headers).build();
    }
}
