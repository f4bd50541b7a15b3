package dev.bookingsinvoicing.benchmarks;

import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedListener;

/**
 * The MongoDB commands invoicing-service sent (Spring Boot's {@code mongodb.driver.commands} timer, by collection and
 * command) and the appointment batches its view applied ({@code bookings.view.batches{kind=appointments}}), counted
 * between two snapshots: what one poll of the view costs in round trips.
 */
final class StoreCalls {

    private final Map<String, Long> commands;
    private final long batches;
    private final double records;

    private StoreCalls(Map<String, Long> commands, long batches, double records) {
        this.commands = commands;
        this.batches = batches;
        this.records = records;
    }

    static StoreCalls of(MeterRegistry meters) {
        Map<String, Long> commands = new TreeMap<>();
        for (Timer timer : meters.find("mongodb.driver.commands").timers()) {
            String key = timer.getId().getTag("collection") + " " + timer.getId().getTag("command");
            commands.merge(key, timer.count(), Long::sum);
        }
        Timer batches = meters.find(BookingsNotInvoicedListener.BATCHES).tag("kind", "appointments").timer();
        var records = meters.find(BookingsNotInvoicedListener.BATCHES + ".records").tag("kind", "appointments")
                .counter();
        return new StoreCalls(commands, batches == null ? 0 : batches.count(), records == null ? 0 : records.count());
    }

    /** Adds, per appointment batch applied since {@code before}: its records and each collection's commands. */
    void report(StoreCalls before, Results results, int n, String scenario) {
        long polls = batches - before.batches;
        if (polls == 0) {
            return;
        }
        results.add(n, scenario, "appointment batches applied", polls, "batches");
        results.add(n, scenario, "appointments per batch", (records - before.records) / polls, "records");
        long all = 0;
        for (Map.Entry<String, Long> e : commands.entrySet()) {
            long calls = e.getValue() - before.commands.getOrDefault(e.getKey(), 0L);
            all += calls;
            if (calls > 0) {
                results.add(n, scenario, "per batch: " + e.getKey(), (double) calls / polls, "calls");
            }
        }
        results.add(n, scenario, "per batch: all MongoDB commands", (double) all / polls, "calls");
    }
}
