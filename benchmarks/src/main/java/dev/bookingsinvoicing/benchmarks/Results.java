package dev.bookingsinvoicing.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every figure of a run, appended to {@code results.csv} as it is measured (so a run that is stopped keeps what
 * it measured) and printed as one table per size at the end.
 */
final class Results {

    /** One measured figure; {@code ratio} is its ratio to the named raw baseline, NaN when there is none. */
    record Row(int size, String scenario, String metric, double value, String unit, double ratio, String ratioTo) {
    }

    private final Path csv;
    private final List<Row> rows = new ArrayList<>();

    Results(Path csv) {
        this.csv = csv;
        try {
            Files.createDirectories(csv.getParent());
            if (!Files.exists(csv)) {
                Files.writeString(csv, "size,scenario,metric,value,unit,ratio,ratio_to\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void add(int size, String scenario, String metric, double value, String unit) {
        add(size, scenario, metric, value, unit, Double.NaN, "");
    }

    synchronized void add(int size, String scenario, String metric, double value, String unit, double ratio,
            String ratioTo) {
        Row row = new Row(size, scenario, metric, value, unit, ratio, ratioTo);
        rows.add(row);
        // a time-stamped line per figure: lines up the phases of a run with a flight recording of it
        System.err.printf(Locale.ROOT, "%s [benchmark] %d %s / %s = %s %s%n", LocalTime.now().withNano(0), size,
                scenario, metric, num(value), unit);
        try (Writer out = Files.newBufferedWriter(csv, StandardOpenOption.APPEND)) {
            out.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s%n", size, scenario, csvField(metric),
                    num(value), unit, num(ratio), csvField(ratioTo)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized double value(int size, String scenario, String metric) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            Row r = rows.get(i);
            if (r.size() == size && r.scenario().equals(scenario) && r.metric().equals(metric)) {
                return r.value();
            }
        }
        return Double.NaN;
    }

    synchronized String table(int size) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n=== %,d bookings ===%n", size));
        out.append(String.format(Locale.ROOT, "%-10s %-38s %16s %-10s %12s  %s%n", "scenario", "metric", "value", "unit",
                "ratio", "ratio to"));
        for (Row r : rows) {
            if (r.size() == size) {
                out.append(String.format(Locale.ROOT, "%-10s %-38s %16s %-10s %12s  %s%n", r.scenario(), r.metric(),
                        pretty(r.value()), r.unit(), Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.3f",
                                r.ratio()), r.ratioTo()));
            }
        }
        return out.toString();
    }

    Path csv() {
        return csv;
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** RFC 4180: a field with a comma or a quote is quoted. */
    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pretty(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
