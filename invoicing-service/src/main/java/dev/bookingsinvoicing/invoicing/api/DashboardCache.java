package dev.bookingsinvoicing.invoicing.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Answers the dashboard's repeated view queries from memory, on Caffeine. The embedded MongoDB server sorts and counts
 * the whole view for every page (it has no secondary index): 0.3 s at 100,000 rows, seconds with four dashboards
 * polling at once. Dashboards poll the same few queries, so an answer is served as it is for {@code maxAge} after it
 * was computed (refresh-after-write); until {@code maxStale} (expire-after-write) it is still served while one
 * background refresh computes the next (stale-while-revalidate); a request that finds nothing younger waits for the
 * computation. Caffeine computes one query at most once at a time, however many requests wait for it, keeps no
 * failure, and keeps at most {@code maxEntries} queries (size-bounded eviction). Its statistics are recorded for the
 * meters ({@code cache.gets{cache=dashboard}}, bound in the service's configuration).
 *
 * <p>The operator page does not go through here: an operator sees the view as it is now.
 */
public final class DashboardCache {

    /** A query and how to answer it; equal by the query alone, so that any request's computation can refresh it. */
    private record Query(Object query, Supplier<?> compute) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Query q && query.equals(q.query);
        }

        @Override
        public int hashCode() {
            return Objects.hash(query);
        }
    }

    private final LoadingCache<Query, Object> answers;

    /**
     * @param maxAge     how long an answer is served as it is (zero turns the cache off)
     * @param maxStale   how old an answer may be and still be served while it is refreshed
     * @param maxEntries distinct queries kept (page and filter combinations)
     * @param refresher  where background refreshes run
     */
    public DashboardCache(Duration maxAge, Duration maxStale, int maxEntries, Clock clock, Executor refresher) {
        this.answers = maxAge.isZero() ? null : Caffeine.newBuilder()
                .refreshAfterWrite(maxAge)
                .expireAfterWrite(maxStale.compareTo(maxAge) <= 0 ? maxAge.plusNanos(1) : maxStale)
                .maximumSize(maxEntries)
                .ticker(ticker(clock))
                // bookkeeping in the calling thread; refreshes on the refresher (see the loader)
                .executor(Runnable::run)
                .recordStats()
                .build(new CacheLoader<>() {
                    @Override
                    public Object load(Query key) {
                        return key.compute().get();
                    }

                    @Override
                    public CompletableFuture<Object> asyncReload(Query key, Object oldValue, Executor ignored) {
                        return CompletableFuture.supplyAsync(() -> key.compute().get(), refresher);
                    }
                });
    }

    /** The answer to {@code query}, computed by {@code compute} when none recent enough is kept. */
    @SuppressWarnings("unchecked")
    public <T> T get(Object query, Supplier<T> compute) {
        if (answers == null) {
            return compute.get();
        }
        try {
            return (T) answers.get(new Query(query, compute));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** The Caffeine cache, for its meters; null when the cache is off. */
    public com.github.benmanes.caffeine.cache.Cache<?, ?> caffeine() {
        return answers;
    }

    private static Ticker ticker(Clock clock) {
        return () -> clock.millis() * 1_000_000L;
    }
}
