package dev.bookingsinvoicing.invoicing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** What a dashboard sees: how old an answer can be, and how many times the view is queried for it. */
class DashboardCacheTest {

    private final MutableClock clock = new MutableClock();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final DashboardCache cache = new DashboardCache(Duration.ofSeconds(1), Duration.ofSeconds(5), 3, clock,
            background::add);
    private final AtomicInteger computed = new AtomicInteger();

    private String view() {
        return "view #" + computed.incrementAndGet();
    }

    @Test
    void anAnswerIsReusedWhileYoungThenServedOnceMoreWhileOneRefreshRunsInTheBackground() {
        assertThat(cache.get("first page", this::view)).isEqualTo("view #1");
        clock.advance(Duration.ofMillis(900));
        assertThat(cache.get("first page", this::view)).isEqualTo("view #1");
        assertThat(computed).hasValue(1);

        clock.advance(Duration.ofMillis(200));
        assertThat(cache.get("first page", this::view)).as("stale, refresh started").isEqualTo("view #1");
        assertThat(cache.get("first page", this::view)).as("still the one refresh").isEqualTo("view #1");
        assertThat(background).hasSize(1);
        background.poll().run();
        assertThat(cache.get("first page", this::view)).isEqualTo("view #2");
        assertThat(computed).hasValue(2);
    }

    @Test
    void anAnswerOlderThanMaxStaleIsNeverServed() {
        cache.get("totals", this::view);
        clock.advance(Duration.ofSeconds(6));
        assertThat(cache.get("totals", this::view)).isEqualTo("view #2");
        assertThat(background).isEmpty();
    }

    @Test
    void aRefreshTheExecutorRefusesLeavesTheStaleAnswerUntilItExpiresSoNoRequestWaitsForever() {
        DashboardCache closing = new DashboardCache(Duration.ofSeconds(1), Duration.ofSeconds(5), 3, clock,
                task -> {
                    throw new java.util.concurrent.RejectedExecutionException("shutting down");
                });
        closing.get("page", this::view);
        clock.advance(Duration.ofSeconds(2));
        assertThat(closing.get("page", this::view)).isEqualTo("view #1");
        clock.advance(Duration.ofSeconds(10));
        assertThat(closing.get("page", this::view)).isEqualTo("view #2");
    }

    @Test
    void differentQueriesHaveTheirOwnAnswersAndAtMostMaxEntriesAreKept() {
        assertThat(cache.get("page 0", this::view)).isEqualTo("view #1");
        assertThat(cache.get("page 1", this::view)).isEqualTo("view #2");
        assertThat(cache.get("page 0", this::view)).isEqualTo("view #1");
        for (int page = 2; page < 20; page++) {
            cache.get("page " + page, this::view);
        }
        cache.caffeine().cleanUp();

        assertThat(cache.caffeine().estimatedSize()).isLessThanOrEqualTo(3);
        assertThat(cache.caffeine().stats().hitCount()).as("the one repeated query").isEqualTo(1);
    }

    @Test
    void aFailureIsNotKept() {
        assertThatThrownBy(() -> cache.get("page", () -> {
            throw new IllegalStateException("MongoDB is down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("MongoDB is down");
        assertThat(cache.get("page", this::view)).isEqualTo("view #1");
    }

    @Test
    void aZeroMaxAgeQueriesTheViewEveryTime() {
        DashboardCache off = new DashboardCache(Duration.ZERO, Duration.ZERO, 3, clock, background::add);
        off.get("page", this::view);
        off.get("page", this::view);
        assertThat(computed).hasValue(2);
    }

    @Test
    void concurrentRequestsForOneQueryShareOneComputation() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            Future<String> first = readers.submit(() -> cache.get("page", () -> {
                computing.countDown();
                await(release);
                return view();
            }));
            assertThat(computing.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> second = readers.submit(() -> cache.get("page", this::view));
            Future<String> third = readers.submit(() -> cache.get("page", this::view));
            // every reader is parked: one in the computation (on the release latch), two waiting for it
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() == 3 && threads.stream()
                    .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING
                            || t.getState() == Thread.State.BLOCKED));
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("view #1");
            assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("view #1");
            assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("view #1");
            assertThat(computed).hasValue(1);
        } finally {
            readers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-03-02T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
