package dev.bookingsinvoicing.invoicing.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauge {@value #NAME}{status}: how many bookings the view holds in each status, what an operator watches to see
 * bookings waiting for a customer, an item or a price. A scrape reads counts at most {@link #MAX_AGE} old: they are
 * read from the {@link CustomerTotals} (or, while those are incomplete, counted in the view, one query per status)
 * only when the last counts are older, so frequent scrapes cost nothing.
 */
@Component
public class ViewStatusGauge implements MeterBinder {

    public static final String NAME = "bookings.view.rows";
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final CustomerTotals totals;
    private final Clock clock;
    private Map<BookingStatus, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    public ViewStatusGauge(MongoTemplate mongo, CustomerTotals totals, Clock clock) {
        this.mongo = mongo;
        this.totals = totals;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (BookingStatus status : BookingStatus.values()) {
            Gauge.builder(NAME, this, gauge -> gauge.count(status)).tag("status", status.name())
                    .description("Bookings in the Bookings Not Invoiced view, by status").register(registry);
        }
    }

    synchronized long count(BookingStatus status) {
        Instant now = clock.instant();
        if (Duration.between(countedAt, now).compareTo(MAX_AGE) >= 0) {
            Map<BookingStatus, Long> fresh = new EnumMap<>(BookingStatus.class);
            for (BookingStatus each : BookingStatus.values()) {
                fresh.put(each, 0L);
            }
            if (totals.complete()) {
                totals.sums(null, null, null).forEach(sum -> fresh.merge(BookingStatus.valueOf(sum.status()),
                        sum.bookings(), Long::sum));
            } else {
                fresh.replaceAll((each, zero) -> mongo.count(Query.query(Criteria.where("status").is(each)),
                        BookingRow.class));
            }
            counts = fresh;
            countedAt = now;
        }
        return counts.get(status);
    }
}
