package dev.bookingsinvoicing.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import dev.bookingsinvoicing.localstack.LocalMongoServer;

/** What one run measures and how long any step may take. */
record BenchmarkOptions(Set<String> scenarios, LocalMongoServer.Backend backend, int partitions, Duration stepTimeout,
        int readRequests, Duration readTime, int pageSize, Path out, String invoicingUser, boolean dashboardCache) {

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }
}
