package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.store.BsonValues;
import dev.bookingsinvoicing.invoicing.store.IdBatches;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;

/**
 * The page's reads of "Bookings Not Invoiced": one page of rows, the totals of the filter, the ids it matches; each
 * over the rows of the user's businesses only.
 */
@Component
public class BookingSearch {

    private static final Duration BUSINESSES_TTL = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final Clock clock;
    private volatile List<String> businesses = List.of();
    private volatile Instant businessesAt = Instant.EPOCH;

    public BookingSearch(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Whether the user sees any row of this customer no. */
    boolean hasRowsOf(BusinessAccess access, String customerNo) {
        return mongo.exists(Query.query(access.rows(Criteria.where("customerNo").is(customerNo))), BookingRow.class);
    }

    /** Ready bookings in a command's scope (a business, the filter's dates): what progress counts up to. */
    long readyCount(BusinessAccess access, Criteria ready, String businessId, BookingFilter filter) {
        BookingFilter dates = new BookingFilter(businessId, null, null, filter.from(), filter.to(), null, null, 0, 0);
        return mongo.count(Query.query(access.rows(new Criteria().andOperator(ready, dates.criteria()))),
                BookingRow.class);
    }

    List<BookingRow> page(BusinessAccess access, BookingFilter filter) {
        Query query = Query.query(access.rows(filter.criteria())).with(filter.mongoSort())
                .skip((long) filter.page() * filter.size()).limit(filter.size());
        return mongo.find(query, BookingRow.class);
    }

    /**
     * Counts per status and amounts of the ready bookings per currency, over every row the filter matches. Read
     * as a projection of three fields in one pass (amounts are summed here, whatever type MongoDB stored them as).
     */
    Totals totals(BusinessAccess access, BookingFilter filter) {
        Query query = Query.query(access.rows(filter.criteria()));
        query.fields().include("status", "amount", "currency");
        Map<BookingStatus, Long> counts = new EnumMap<>(BookingStatus.class);
        Map<String, BigDecimal> ready = new TreeMap<>();
        long total = 0;
        try (Stream<Document> rows = mongo.stream(query, Document.class, BookingRow.COLLECTION)) {
            for (Document row : (Iterable<Document>) rows::iterator) {
                total++;
                BookingStatus status = status(row.get("status"));
                if (status != null) {
                    counts.merge(status, 1L, Long::sum);
                }
                BigDecimal amount = BsonValues.decimal(row.get("amount"));
                if (status == BookingStatus.READY && amount != null) {
                    String currency = row.getString("currency");
                    ready.merge(currency == null ? "" : currency, amount, BigDecimal::add);
                }
            }
        }
        return new Totals(total, counts, ready);
    }

    /** Ids of the rows the filter matches, customer by customer (so that chunks of a large selection split few customers). */
    List<String> idsMatching(BusinessAccess access, BookingFilter filter, BookingStatus onlyStatus) {
        Query query = Query.query(access.rows(filter.criteria()));
        query.fields().include("_id", "customerNo", "status");
        List<String[]> rows = new ArrayList<>();
        try (Stream<Document> stream = mongo.stream(query, Document.class, BookingRow.COLLECTION)) {
            stream.filter(d -> onlyStatus == null || onlyStatus == status(d.get("status")))
                    .forEach(d -> rows.add(new String[] { String.valueOf(d.get("customerNo")), d.getString("_id") }));
        }
        rows.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return rows.stream().map(r -> r[1]).toList();
    }

    List<BookingRow> byIds(List<String> ids) {
        List<BookingRow> rows = new ArrayList<>();
        for (List<String> batch : IdBatches.of(ids)) {
            rows.addAll(mongo.find(Query.query(Criteria.where("_id").in(batch)), BookingRow.class));
        }
        return rows;
    }

    /**
     * The businesses seen in the view that the user may see, for the filter's suggestions; refreshed at most every
     * 30 s (a full scan).
     */
    List<String> businesses(BusinessAccess access) {
        Instant now = clock.instant();
        if (now.isAfter(businessesAt.plus(BUSINESSES_TTL))) {
            businesses = mongo.findDistinct(new Query(), "businessId", BookingRow.COLLECTION, String.class).stream()
                    .sorted().toList();
            businessesAt = now;
        }
        return businesses.stream().filter(access::allows).toList();
    }

    private static BookingStatus status(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return BookingStatus.valueOf(value.toString());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The totals shown above the list. */
    public record Totals(long bookings, Map<BookingStatus, Long> byStatus, Map<String, BigDecimal> readyAmounts) {

        public long count(BookingStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }
}
