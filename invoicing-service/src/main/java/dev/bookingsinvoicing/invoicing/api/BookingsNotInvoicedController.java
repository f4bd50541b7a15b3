package dev.bookingsinvoicing.invoicing.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mongodb.client.model.Projections;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.view.BookingRow;

/**
 * Reads "Bookings Not Invoiced": one page of rows, filtered by business, customer no., status and dates (local dates,
 * both included, or a [from, to) range of instants on the start; see {@link ViewQuery}), sorted
 * ({@code sort=start,desc}); and totals per customer or per status over the same filter.
 * Answers may be up to a few seconds old ({@link DashboardCache}) and hold only the rows of the user's businesses.
 */
@RestController
@RequestMapping("/api/bookings-not-invoiced")
public class BookingsNotInvoicedController {

    private final MongoTemplate mongo;
    private final DashboardCache cache;

    public BookingsNotInvoicedController(MongoTemplate mongo, DashboardCache cache) {
        this.mongo = mongo;
        this.cache = cache;
    }

    private record ListQuery(ViewQuery filter, int page, int size, String sort) {
    }

    private record TotalsQuery(ViewQuery filter, boolean byCustomer) {
    }

    @GetMapping
    public PageResponse<BookingRow> list(BusinessAccess access, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String status,
            @RequestParam(required = false) String customerNo, @RequestParam(required = false) String businessId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String sort) {
        Paging.check(page, size);
        ViewQuery filter = ViewQuery.parse(access, businessId, customerNo, status, from, to);
        Sort order = ViewQuery.sort(sort);
        return cache.get(new ListQuery(filter, page, size, order.toString()), () -> {
            long total = mongo.count(Query.query(filter.criteria()), BookingRow.class);
            Query pageQuery = Query.query(filter.criteria()).with(order).skip((long) page * size).limit(size);
            return PageResponse.of(mongo.find(pageQuery, BookingRow.class), page, size, total);
        });
    }

    /** One group of the totals: bookings and amount per currency (READY rows have amounts, others count only). */
    public record Group(String key, String name, long bookings, Map<String, BigDecimal> amounts) {
    }

    /** The totals: groups sorted by key (unmatched customers last, key null), and the overall count. */
    public record Totals(String groupBy, List<Group> groups, long bookings) {
    }

    /**
     * Totals per customer no. or per status. Computed from a projection of five fields read in cursor batches: the
     * embedded server's aggregation pipeline scans the same way and does not sum decimals reliably.
     */
    @GetMapping("/totals")
    public Totals totals(BusinessAccess access, @RequestParam String groupBy, @RequestParam(required = false) String status,
            @RequestParam(required = false) String customerNo, @RequestParam(required = false) String businessId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        boolean byCustomer = switch (groupBy) {
            case "customer" -> true;
            case "status" -> false;
            default -> throw new BadQueryException("groupBy must be customer or status, not '" + groupBy + "'");
        };
        ViewQuery filter = ViewQuery.parse(access, businessId, customerNo, status, from, to);
        return cache.get(new TotalsQuery(filter, byCustomer), () -> totals(filter, byCustomer));
    }

    private Totals totals(ViewQuery filter, boolean byCustomer) {
        String groupBy = byCustomer ? "customer" : "status";
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> amounts = new TreeMap<>();
        long[] unmatched = { 0 };
        Map<String, BigDecimal> unmatchedAmounts = new TreeMap<>();
        for (Document row : mongo.getCollection(BookingRow.COLLECTION).find(filter.document())
                .projection(Projections.include("customerNo", "billToName", "status", "currency", "amount"))
                .batchSize(10_000)) {
            String key = byCustomer ? row.getString("customerNo") : row.getString("status");
            Object amount = row.get("amount");
            BigDecimal value = amount instanceof Decimal128 d ? d.bigDecimalValue()
                    : amount instanceof String s ? new BigDecimal(s) : null;
            if (key == null) {
                unmatched[0]++;
                add(unmatchedAmounts, row.getString("currency"), value);
                continue;
            }
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
            if (byCustomer && row.getString("billToName") != null) {
                names.putIfAbsent(key, row.getString("billToName"));
            }
            add(amounts.computeIfAbsent(key, k -> new TreeMap<>()), row.getString("currency"), value);
        }
        List<Group> groups = new ArrayList<>();
        long all = unmatched[0];
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            groups.add(new Group(e.getKey(), names.get(e.getKey()), e.getValue()[0], amounts.get(e.getKey())));
            all += e.getValue()[0];
        }
        if (unmatched[0] > 0) {
            groups.add(new Group(null, null, unmatched[0], unmatchedAmounts));
        }
        return new Totals(groupBy, groups, all);
    }

    private static void add(Map<String, BigDecimal> amounts, String currency, BigDecimal amount) {
        if (amount != null && currency != null) {
            amounts.merge(currency, amount, BigDecimal::add);
        }
    }
}
