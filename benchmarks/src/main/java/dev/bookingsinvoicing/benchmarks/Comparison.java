package dev.bookingsinvoicing.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.bookingsinvoicing.localstack.LocalMongoServer;

/**
 * The same size measured on several backends in one run, side by side: each timed figure of the first backend with
 * the other backends' figure and its ratio to the first (a time above 1 is slower; a rate below 1 is slower).
 */
final class Comparison {

    private static final Set<String> TIMED = Set.of("s", "ms", "rec/s", "bookings/s", "invoices/s", "req/s", "MiB");

    private Comparison() {
    }

    static String table(int size, List<LocalMongoServer.Backend> backends, List<Results> runs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n=== %,d bookings: backends side by side "
                + "(ratio to %s) ===%n%-10s %-42s", size, backends.get(0), "scenario", "metric"));
        for (int i = 0; i < backends.size(); i++) {
            out.append(String.format(Locale.ROOT, " %12s", backends.get(i)));
            if (i > 0) {
                out.append(String.format(Locale.ROOT, " %12s", backends.get(i) + "/" + backends.get(0)));
            }
        }
        out.append(String.format(Locale.ROOT, " %s%n", "unit"));
        for (Results.Row row : runs.get(0).rows()) {
            if (row.size() != size || !TIMED.contains(row.unit())) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-10s %-42s %12s", row.scenario(), row.metric(), num(row.value())));
            for (Results other : runs.subList(1, runs.size())) {
                double value = other.value(size, row.scenario(), row.metric());
                out.append(String.format(Locale.ROOT, " %12s %12s", num(value), Double.isNaN(value) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", value / row.value())));
            }
            out.append(' ').append(row.unit()).append('\n');
        }
        return out.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.3f", v);
    }
}
