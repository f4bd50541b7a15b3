package dev.bookingsinvoicing.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.bookingsinvoicing.localstack.LocalMongoServer;

/**
 * What one run measures and how long any step may take; {@code syncBusinesses} is how many Bookings businesses the
 * sync scenario's tenant has (its appointments spread over them) and {@code syncParallel} how many of them the sync
 * reads at once ({@code bookings.sync.parallel-businesses}).
 */
record BenchmarkOptions(Set<String> scenarios, LocalMongoServer.Backend backend, int partitions, Duration stepTimeout,
        int readRequests, Duration readTime, int pageSize, Path out, String invoicingUser, int syncBusinesses,
        int syncParallel, boolean dashboardCache) {

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }
}
