package dev.bookingsinvoicing.invoicing.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.LocalDateRange;

/**
 * What the operator asked the list to show: filters, sort and page, as they travel in the page's query string.
 * Dates are the bookings' local dates (the row's {@code localDate}: the appointment's day in its own time zone), both
 * ends included, the same range "Invoice all" sends as InvoiceBookings' fromDate/toDate. The customer filter matches a
 * customer no. exactly or a part of the name or email, so unmatched bookings (no customer no. yet) can be found too.
 */
public record BookingFilter(String businessId, String customer, BookingStatus status, LocalDate from, LocalDate to,
        String sort, String dir, int page, int size) {

    /** Sortable columns: the name in the query string -> the field of the row. */
    static final Map<String, String> SORTS = Map.of("date", "localDate", "customer", "customerName", "service",
            "serviceName", "amount", "amount", "status", "status", "business", "businessId");

    public BookingFilter {
        businessId = blankToNull(businessId);
        customer = blankToNull(customer);
        sort = sort == null || !SORTS.containsKey(sort) ? "date" : sort;
        dir = "desc".equals(dir) ? "desc" : "asc";
        page = Paging.page(page);
        size = Paging.size(size);
    }

    Criteria criteria() {
        List<Criteria> all = new ArrayList<>();
        if (businessId != null) {
            all.add(Criteria.where("businessId").is(businessId));
        }
        if (customer != null) {
            Pattern part = Pattern.compile(Pattern.quote(customer), Pattern.CASE_INSENSITIVE);
            all.add(new Criteria().orOperator(Criteria.where("customerNo").is(customer),
                    Criteria.where("customerName").regex(part), Criteria.where("customerEmail").regex(part),
                    Criteria.where("billToName").regex(part)));
        }
        if (status != null) {
            all.add(Criteria.where("status").is(status));
        }
        if (from != null || to != null) {
            all.add(LocalDateRange.bound(Criteria.where(LocalDateRange.FIELD), from, to));
        }
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    Sort mongoSort() {
        Sort.Direction direction = "desc".equals(dir) ? Sort.Direction.DESC : Sort.Direction.ASC;
        // start then _id keep pages stable when many rows share the sorted value
        return Sort.by(direction, SORTS.get(sort)).and(Sort.by(direction, "start")).and(Sort.by(direction, "_id"));
    }

    /** The same filter on another page (or with another sort), as a query string for links. */
    public String query(int otherPage) {
        return with(otherPage, sort, dir);
    }

    /** Link for a column header: sorts by it, or flips the direction if it is already the sort. */
    public String sortedBy(String column) {
        String nextDir = column.equals(sort) && "asc".equals(dir) ? "desc" : "asc";
        return with(0, column, nextDir);
    }

    /** aria-sort value of a column header. */
    public String ariaSort(String column) {
        return column.equals(sort) ? ("asc".equals(dir) ? "ascending" : "descending") : "none";
    }

    public String query() {
        return with(page, sort, dir);
    }

    private String with(int otherPage, String otherSort, String otherDir) {
        return new QueryString().with("businessId", businessId).with("customer", customer)
                .with("status", status == null ? null : status.name()).with("from", from).with("to", to)
                .with("sort", otherSort).with("dir", otherDir).with("page", otherPage).with("size", size).toString();
    }

    /**
     * Words for the scope of "Invoice all", e.g. "business salon, 2026-03-01 to 2026-03-31".
     *
     * @param everyBusiness whether the user sees every business (else no business filter means "your businesses")
     */
    public String scopeDescription(boolean everyBusiness) {
        List<String> parts = new ArrayList<>();
        parts.add(businessId != null ? "business " + businessId : everyBusiness ? "every business" : "your businesses");
        if (from != null || to != null) {
            parts.add((from == null ? "…" : from.toString()) + " to " + (to == null ? "…" : to.toString()));
        }
        return String.join(", ", parts);
    }

    public boolean filtered() {
        return businessId != null || customer != null || status != null || from != null || to != null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String label(BookingStatus status) {
        return switch (status) {
            case READY -> "Ready";
            case UNMATCHED_CUSTOMER -> "Customer not matched";
            case UNMAPPED_SERVICE -> "Service not mapped";
            case NEEDS_PRICE -> "Needs price";
            default -> status.name();
        };
    }

    static String cssClass(BookingStatus status) {
        return "status-" + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
