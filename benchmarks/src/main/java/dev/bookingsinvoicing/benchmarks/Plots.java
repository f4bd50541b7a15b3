package dev.bookingsinvoicing.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Throughput and latency against size, drawn from results.csv (the last value of each figure per size). */
final class Plots {

    private static final Map<String, String> THROUGHPUT = new LinkedHashMap<>();
    private static final Map<String, String> LATENCY = new LinkedHashMap<>();
    static {
        THROUGHPUT.put("raw/broker records/s (slower stage)", "raw broker (records/s)");
        THROUGHPUT.put("raw/store insertMany docs/s", "raw store insertMany (docs/s)");
        THROUGHPUT.put("raw/store deleteMany docs/s", "raw store deleteMany (docs/s)");
        THROUGHPUT.put("ingest/events to view records/s", "events -> view (records/s)");
        THROUGHPUT.put("sync/sync to view rows/s", "sync -> view (rows/s)");
        THROUGHPUT.put("bulk/ALL: bookings/s", "bulk invoicing ALL (bookings/s)");
        THROUGHPUT.put("bulk/10x concurrent: bookings/s", "bulk invoicing 10 commands (bookings/s)");
        LATENCY.put("reads/first page p50", "first page p50");
        LATENCY.put("reads/first page p99", "first page p99");
        LATENCY.put("reads/status+customer page p50", "status+customer page p50");
        LATENCY.put("reads/status+customer page p99", "status+customer page p99");
        LATENCY.put("reads/per-customer totals p50", "per-customer totals p50");
        LATENCY.put("reads/per-customer totals p99", "per-customer totals p99");
        LATENCY.put("raw/" + RawBaselines.FIRST_PAGE_P50, "raw driver first page p50");
    }

    private Plots() {
    }

    static void draw(Path resultsCsv, Path dir) throws IOException {
        Map<String, TreeMap<Integer, Double>> figures = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(resultsCsv);
        for (String line : lines.subList(1, lines.size())) {
            // size,scenario,metric,value,unit,ratio,ratio_to: only metric and ratio_to may hold (quoted) commas
            String[] f = line.split(",", 3);
            if (f.length < 3) {
                continue;
            }
            String rest = f[2];
            String metric;
            if (rest.startsWith("\"")) {
                int end = rest.indexOf("\",", 1);
                metric = rest.substring(1, end).replace("\"\"", "\"");
                rest = rest.substring(end + 2);
            } else {
                metric = rest.substring(0, rest.indexOf(','));
                rest = rest.substring(rest.indexOf(',') + 1);
            }
            String value = rest.substring(0, rest.indexOf(','));
            if (!value.isEmpty()) {
                figures.computeIfAbsent(f[1] + "/" + metric, k -> new TreeMap<>()).put(Integer.parseInt(f[0]),
                        Double.parseDouble(value));
            }
        }
        Files.createDirectories(dir);
        chart("Throughput against size", "records per second", THROUGHPUT, figures, dir.resolve("throughput.png"));
        chart("Latency against size (4 readers)", "milliseconds", LATENCY, figures, dir.resolve("latency.png"));
    }

    /** A log axis ticked at powers of ten only. */
    private static LogAxis decades(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setTickUnit(new NumberTickUnit(1.0));
        axis.setMinorTickCount(9);
        return axis;
    }

    private static void chart(String title, String yLabel, Map<String, String> wanted,
            Map<String, TreeMap<Integer, Double>> figures, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        wanted.forEach((key, label) -> {
            TreeMap<Integer, Double> points = figures.get(key);
            if (points != null) {
                XYSeries series = new XYSeries(label);
                points.forEach((size, value) -> {
                    if (value > 0) {
                        series.add((double) size, value);
                    }
                });
                if (series.getItemCount() > 0) {
                    data.addSeries(series);
                }
            }
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "bookings (log)", yLabel + " (log)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(decades("bookings (log)"));
        plot.setRangeAxis(decades(yLabel + " (log)"));
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        ChartUtils.saveChartAsPNG(new File(png.toString()), chart, 900, 560);
    }
}
