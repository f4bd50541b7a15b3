package dev.bookingsinvoicing.invoicing.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.CustomerTotals;

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
    private final CustomerTotals customerTotals;

    public BookingsNotInvoicedController(MongoTemplate mongo, DashboardCache cache, CustomerTotals customerTotals) {
        this.mongo = mongo;
        this.cache = cache;
        this.customerTotals = customerTotals;
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
     * Totals per customer no. or per status. Without a date range they are read from {@link CustomerTotals} (one
     * small document per customer, kept as rows come and go); with one, or while those are not complete, computed
     * from the rows in range ({@link CustomerTotals#sumsOfRows}).
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
        List<CustomerTotals.Sum> sums = customerTotals.complete() && !filter.hasDates()
                ? customerTotals.sums(filter.businesses(), filter.status() == null ? null : filter.status().name(),
                        filter.customerNo())
                : customerTotals.sumsOfRows(filter.document());
        Groups groups = new Groups(byCustomer ? "customer" : "status");
        for (CustomerTotals.Sum sum : sums) {
            groups.add(byCustomer ? sum.customerNo() : sum.status(), sum.name(), sum.currency(), sum.amount(),
                    sum.bookings());
        }
        return groups.totals();
    }

    /** Bookings, names and amounts per currency summed per group key; the key null collects unmatched customers. */
    private static final class Groups {

        private final String groupBy;
        private final Map<String, long[]> counts = new TreeMap<>();
        private final Map<String, String> names = new TreeMap<>();
        private final Map<String, Map<String, BigDecimal>> amounts = new TreeMap<>();
        private long unmatched;
        private final Map<String, BigDecimal> unmatchedAmounts = new TreeMap<>();

        Groups(String groupBy) {
            this.groupBy = groupBy;
        }

        void add(String key, String name, String currency, BigDecimal amount, long bookings) {
            if (key == null) {
                unmatched += bookings;
                add(unmatchedAmounts, currency, amount);
                return;
            }
            counts.computeIfAbsent(key, k -> new long[1])[0] += bookings;
            if (groupBy.equals("customer") && name != null) {
                names.putIfAbsent(key, name);
            }
            add(amounts.computeIfAbsent(key, k -> new TreeMap<>()), currency, amount);
        }

        Totals totals() {
            List<Group> groups = new ArrayList<>();
            long all = unmatched;
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                groups.add(new Group(e.getKey(), names.get(e.getKey()), e.getValue()[0], amounts.get(e.getKey())));
                all += e.getValue()[0];
            }
            if (unmatched > 0) {
                groups.add(new Group(null, null, unmatched, unmatchedAmounts));
            }
            return new Totals(groupBy, groups, all);
        }

        private static void add(Map<String, BigDecimal> amounts, String currency, BigDecimal amount) {
            if (amount != null && currency != null) {
                amounts.merge(currency, amount, BigDecimal::add);
            }
        }
    }
}
