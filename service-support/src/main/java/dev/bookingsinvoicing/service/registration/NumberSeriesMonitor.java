package dev.bookingsinvoicing.service.registration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Shows how full a number series is, read from the shared counter so every instance reports the same: the gauge
 * {@value #GAUGE} (tag {@code series}) of the numbers left, and a health contributor that is {@value #DEGRADED}
 * (HTTP 200: registrations go on, but someone must widen the series) from the warning share on, exhausted included.
 * Not DOWN: a restart cannot help, and every Bookings customer or service already registered is still served.
 */
public class NumberSeriesMonitor implements HealthIndicator, MeterBinder {

    public static final String GAUGE = "bookings.numbers.remaining";
    public static final String DEGRADED = "DEGRADED";

    private static final Logger log = LoggerFactory.getLogger(NumberSeriesMonitor.class);

    private final NumberSeries series;
    private final LongSupplier lastNumber;

    /** {@code lastNumber} reads the series' counter: the last value handed out, 0 before the first. */
    public NumberSeriesMonitor(NumberSeries series, LongSupplier lastNumber) {
        this.series = series;
        this.lastNumber = lastNumber;
    }

    /** The monitor of a service that starts: it has warned already if the series is past its warning share. */
    public static NumberSeriesMonitor started(NumberSeries series, LongSupplier lastNumber) {
        NumberSeriesMonitor monitor = new NumberSeriesMonitor(series, lastNumber);
        monitor.warnIfPastWarning();
        return monitor;
    }

    /** Warns at start-up when the series is already past its warning share (the crossing itself was logged once). */
    public void warnIfPastWarning() {
        long last = lastNumber.getAsLong();
        if (series.pastWarning(last)) {
            log.warn(series.warning(last));
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(GAUGE, this, monitor -> monitor.series.remaining(monitor.lastNumber.getAsLong()))
                .tag("series", series.name())
                .description("numbers the series can still hand out; widen it (" + series.digitsSetting()
                        + ") before this reaches 0")
                .baseUnit("numbers")
                .register(registry);
    }

    @Override
    public Health health() {
        long last = lastNumber.getAsLong();
        long remaining = series.remaining(last);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("series", series.name());
        details.put("prefix", series.prefix());
        details.put("digits", series.digits());
        details.put("step", series.step());
        details.put("lastValue", last);
        details.put("remaining", remaining);
        details.put("capacity", series.capacity());
        details.put("warnAt", series.warnAt());
        details.put("setting", series.digitsSetting());
        if (remaining == 0) {
            return Health.status(new Status(DEGRADED, series.exhausted(last).getMessage())).withDetails(details).build();
        }
        if (series.pastWarning(last)) {
            return Health.status(new Status(DEGRADED, series.warning(last))).withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }
}
