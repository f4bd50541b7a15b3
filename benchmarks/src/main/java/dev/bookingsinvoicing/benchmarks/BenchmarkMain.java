package dev.bookingsinvoicing.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.bookingsinvoicing.localstack.LocalMongoServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark harness: for each size, raw broker and store baselines, events to view, bulk invoicing, dashboard
 * reads, the whole stack's sync to view, and the footprint; one table per size on stdout and every figure in
 * {@code results.csv} (plus {@code lag.csv}, sampled each second). It measures; it never asserts a time.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
        description = "Measures bookings-invoicing on the real broker, MongoDB server and services, in this JVM.")
public final class BenchmarkMain implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000",
            description = "Bookings per run, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--scenarios", split = ",", defaultValue = "raw,bulk,reads,sync,export",
            description = "Any of raw, bulk, reads, sync, export. Default: ${DEFAULT-VALUE}.")
    List<String> scenarios;

    @Option(names = {"--backend", "--backends"}, split = ",", defaultValue = "MEMORY",
            description = "Embedded MongoDB backend, MEMORY or H2, or both (MEMORY,H2): each size is then measured on "
                    + "each in turn (results in a folder per backend under --out) and the ratios of the second to the "
                    + "first are printed. Default: ${DEFAULT-VALUE}.")
    List<LocalMongoServer.Backend> backends;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--step-timeout", defaultValue = "PT10M",
            description = "Longest any one step may take before it is reported as TIMEOUT. Default: ${DEFAULT-VALUE}.")
    Duration stepTimeout;

    @Option(names = "--read-requests", defaultValue = "100",
            description = "Requests per reader and query. Default: ${DEFAULT-VALUE}.")
    int readRequests;

    @Option(names = "--read-time", defaultValue = "PT20S",
            description = "Time cap per query of the reads. Default: ${DEFAULT-VALUE}.")
    Duration readTime;

    @Option(names = "--page-size", defaultValue = "1000",
            description = "Simulator page size (Graph paging) for the sync scenario. Default: ${DEFAULT-VALUE}.")
    int pageSize;

    @Option(names = "--sync-businesses", defaultValue = "4",
            description = "Bookings businesses of the sync scenario's tenant, the bookings spread over them. "
                    + "Default: ${DEFAULT-VALUE}.")
    int syncBusinesses;

    @Option(names = "--sync-parallel", defaultValue = "4",
            description = "Businesses the sync reads at once (bookings.sync.parallel-businesses); the baseline reads "
                    + "as many at once. Default: ${DEFAULT-VALUE}.")
    int syncParallel;

    @Option(names = "--invoicing-user", defaultValue = "viewer:viewer",
            description = "user:password of invoicing-service's read API (HTTP Basic). Default: ${DEFAULT-VALUE}.")
    String invoicingUser;

    @Option(names = "--dashboard-cache", description = "Let invoicing-service answer the reads from its dashboard "
            + "cache (bookings.invoicing.dashboard.max-age 1s); without it every read is computed (max-age 0s).")
    boolean dashboardCache;

    @Option(names = "--out", defaultValue = "benchmarks/target/results",
            description = "Folder of results.csv and lag.csv (appended to). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--work-dir", defaultValue = "benchmarks/target/work",
            description = "Broker logs and H2 files, deleted after each size. Default: ${DEFAULT-VALUE}.")
    Path workDir;

    @Option(names = "--plot-dir", description = "Draw throughput.png and latency.png from results.csv here.")
    Path plotDir;

    @Option(names = "--plot-only", description = "Only draw the plots from an existing results.csv.")
    boolean plotOnly;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new BenchmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path csv = out.resolve("results.csv");
        if (plotOnly) {
            Plots.draw(csv, plotDir == null ? out : plotDir);
            return 0;
        }
        Map<LocalMongoServer.Backend, Results> runs = new LinkedHashMap<>();
        for (LocalMongoServer.Backend backend : backends) {
            Path folder = backends.size() == 1 ? out : out.resolve(backend.name());
            runs.put(backend, new Results(folder.resolve("results.csv")));
        }
        System.out.printf(Locale.ROOT, "benchmarks: sizes %s, scenarios %s, %s backend, %d partitions, %d cpus, "
                + "max heap %d MiB, load %s%n", sizes, scenarios, backends, partitions,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        for (int size : sizes) {
            runs.forEach((backend, results) -> measure(size, options(backend, results), results));
            if (runs.size() > 1) {
                System.out.print(Comparison.table(size, List.copyOf(runs.keySet()), List.copyOf(runs.values())));
            }
        }
        for (Results results : runs.values()) {
            Path folder = results.csv().getParent();
            if (plotDir != null) {
                Plots.draw(results.csv(), runs.size() == 1 ? plotDir : plotDir.resolve(folder.getFileName()));
            }
            System.out.println("results: " + results.csv().toAbsolutePath() + " and "
                    + folder.resolve("lag.csv").toAbsolutePath());
        }
        // times are never judged here; a scenario that broke or never finished is (a CI smoke check must notice)
        List<String> broken = runs.values().stream().flatMap(r -> r.rows().stream()).map(Results.Row::metric)
                .filter(m -> m.startsWith("FAILED") || m.contains("TIMEOUT") || m.contains("REJECTED")).toList();
        if (!broken.isEmpty()) {
            System.out.println("not completed: " + broken);
            return 1;
        }
        return 0;
    }

    private BenchmarkOptions options(LocalMongoServer.Backend backend, Results results) {
        return new BenchmarkOptions(new LinkedHashSet<>(scenarios), backend, partitions, stepTimeout, readRequests,
                readTime, pageSize, results.csv().getParent(), invoicingUser, syncBusinesses, syncParallel,
                dashboardCache);
    }

    /** Every scenario of one size on one backend, then its table and targets. */
    private void measure(int size, BenchmarkOptions options, Results results) {
        boolean resettable = Footprint.resetPeaks();
        results.add(size, "footprint", "load average (1 min) at start", loadAverage(), "");
        Path dir = workDir.resolve(size + "-" + options.backend() + "-" + System.currentTimeMillis());
        if (options.runs("raw") || options.runs("bulk") || options.runs("reads")) {
            attempt(results, size, "bulk", () -> new BulkInvoicingBenchmark(results, options, size)
                    .run(dir.resolve("bulk")));
            delete(dir.resolve("bulk"));
        }
        if (options.runs("export")) {
            attempt(results, size, "export", () -> new ExportBenchmark(results, options, size)
                    .run(dir.resolve("export")));
            delete(dir.resolve("export"));
        }
        if (options.runs("sync")) {
            attempt(results, size, "sync", () -> new SyncToViewBenchmark(results, options, size)
                    .run(dir.resolve("sync")));
            delete(dir.resolve("sync"));
        }
        results.add(size, "footprint", resettable ? "peak RSS (VmHWM, this size)" : "peak RSS (VmHWM, whole run)",
                Footprint.peakRssMiB(), "MiB");
        results.add(size, "footprint", "sum of heap pools' peaks (upper bound)", Footprint.peakHeapMiB(), "MiB");
        results.add(size, "footprint", "load average (1 min) at end", loadAverage(), "");
        System.out.print("backend " + options.backend() + ":" + results.table(size));
        System.out.print(targets(results, size));
        System.out.flush();
        System.gc();
    }

    /** Targets of issue 8, where this size measures them: reported met or missed, never asserted. */
    static String targets(Results r, int n) {
        StringBuilder s = new StringBuilder("targets:\n");
        double all = r.value(n, "bulk", "ALL: end to end (all invoices readable)");
        double store = r.value(n, "raw", "store insert+delete time");
        if (n >= 1_000_000) {
            s.append(check("bulk ALL of " + n + " < 60 s", all, all < 60));
        }
        s.append(check("bulk ALL within 3x raw insert+delete (ratio)", all / store, all / store <= 3));
        double sync = r.value(n, "sync", "sync to view rows/s");
        double broker = r.value(n, "raw", "broker records/s (slower stage)");
        s.append(check("sync->view >= 30% of raw broker records/s (ratio)", sync / broker, sync / broker >= 0.3));
        double own = r.value(n, "sync", SyncToViewBenchmark.OWN_COST);
        s.append(check("sync run within 2x of plain HTTP + Jackson (ratio)", own, own <= 2));
        if (n >= 100_000) {
            double p99 = r.value(n, "reads", "first page p99");
            s.append(check("first page p99 < 100 ms", p99, p99 < 100));
        }
        double ready = r.value(n, "footprint", "local stack ready (4 services + sim)");
        s.append(check("local stack ready < 30 s", ready, ready < 30));
        if (n == 100_000) {
            double rss = r.value(n, "footprint", "peak RSS (VmHWM, this size)");
            if (Double.isNaN(rss)) {
                rss = r.value(n, "footprint", "peak RSS (VmHWM, whole run)");
            }
            s.append(check("peak RSS < 2048 MiB at 100k", rss, rss < 2048));
        }
        return s.toString();
    }

    private static String check(String target, double value, boolean met) {
        return String.format(Locale.ROOT, "  %-52s %12s  %s%n", target,
                Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value),
                Double.isNaN(value) ? "NOT MEASURED" : met ? "MET" : "MISSED");
    }

    private interface Step {
        void run() throws Exception;
    }

    /** A failed scenario is reported and the run goes on with the next one. */
    private static void attempt(Results results, int size, String scenario, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            System.err.println(scenario + " at " + size + " failed:");
            e.printStackTrace();
            results.add(size, scenario, "FAILED: " + e.getClass().getSimpleName(), Double.NaN, "-");
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void delete(Path dir) {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
