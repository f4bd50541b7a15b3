package dev.bookingsinvoicing.invoicing.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.LocalDateRange;

/**
 * The filters of the dashboard's view queries, parsed and checked once: business, customer no., status and a date
 * range. {@code from}/{@code to} given as dates ({@code 2026-03-01}) are the bookings' LOCAL dates (the day of the
 * appointment in its own time zone, the row's {@code localDate}), both ends included, as on the operator page and in
 * InvoiceBookings' fromDate/toDate; given as instants ({@code 2026-03-01T09:00:00Z}) they are a [from, to) range on
 * the booking's start. Every bad value is a {@link BadQueryException} naming the parameter and what it accepts.
 * {@code allowed} holds the user's businesses (null: every business), so that a query, and its cache key, never reach
 * another business's rows.
 */
record ViewQuery(String businessId, String customerNo, BookingStatus status, Instant from, Instant to,
        LocalDate fromDate, LocalDate toDate, SortedSet<String> allowed) {

    /** Sortable fields of the view, by the name a client uses. */
    static final Map<String, String> SORTABLE = Map.of("start", "start", "localDate", "localDate",
            "customerNo", "customerNo", "customerName", "customerName", "serviceName", "serviceName",
            "amount", "amount", "status", "status", "businessId", "businessId", "id", "_id");

    static ViewQuery parse(BusinessAccess access, String businessId, String customerNo, String status, String from,
            String to) {
        access.check(blankToNull(businessId));
        LocalDate fromDate = isDate(from) ? date("from", from) : null;
        LocalDate toDate = isDate(to) ? date("to", to) : null;
        Instant fromInstant = isDate(from) ? null : instant("from", from);
        Instant toInstant = isDate(to) ? null : instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new BadQueryException("from must be before to (the range is [from, to) on the booking's start)");
        }
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new BadQueryException("from must be before to, or the same date (dates are the bookings' local "
                    + "dates, both included)");
        }
        return new ViewQuery(blankToNull(businessId), blankToNull(customerNo), status(status), fromInstant, toInstant,
                fromDate, toDate, access.everyBusiness() ? null : access.businesses());
    }

    Criteria criteria() {
        Criteria criteria = new Criteria();
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (customerNo != null) {
            criteria = criteria.and("customerNo").is(customerNo);
        }
        if (businessId != null) {
            criteria = criteria.and("businessId").is(businessId);
        } else if (allowed != null) {
            criteria = criteria.and("businessId").in(allowed);
        }
        if (from != null || to != null) {
            Criteria start = criteria.and("start");
            if (from != null) {
                start = start.gte(Date.from(from));
            }
            if (to != null) {
                start.lt(Date.from(to));
            }
        }
        if (fromDate != null || toDate != null) {
            LocalDateRange.bound(criteria.and(LocalDateRange.FIELD), fromDate, toDate);
        }
        return criteria;
    }

    /** Whether a date range (of instants or local dates) narrows the rows. */
    boolean hasDates() {
        return from != null || to != null || fromDate != null || toDate != null;
    }

    /** The businesses whose rows the filter reaches: the one named, or the user's (null: every business). */
    SortedSet<String> businesses() {
        return businessId != null ? new TreeSet<>(Set.of(businessId)) : allowed;
    }

    /** The same filter for the driver's raw collection API. */
    Document document() {
        return new Document(criteria().getCriteriaObject());
    }

    /** "field" or "field,asc|desc"; the booking id breaks ties in the same direction, so pages never overlap. */
    static Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return Sort.by("start", "_id");
        }
        String[] parts = sort.split(",");
        String field = SORTABLE.get(parts[0].trim());
        if (field == null || parts.length > 2) {
            throw new BadQueryException("sort must be FIELD or FIELD,asc|desc with FIELD one of "
                    + SORTABLE.keySet().stream().sorted().collect(Collectors.joining(", ")));
        }
        Sort.Direction direction = Sort.Direction.ASC;
        if (parts.length == 2) {
            direction = switch (parts[1].trim().toLowerCase(Locale.ROOT)) {
                case "asc" -> Sort.Direction.ASC;
                case "desc" -> Sort.Direction.DESC;
                default -> throw new BadQueryException("sort direction must be asc or desc, not '" + parts[1] + "'");
            };
        }
        return switch (field) {
            case "_id" -> Sort.by(direction, "_id");
            case "localDate" -> Sort.by(direction, "localDate", "start", "_id");
            default -> Sort.by(direction, field, "_id");
        };
    }

    private static boolean isDate(String value) {
        return value != null && value.trim().length() == 10;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeException e) {
            throw new BadQueryException(name + " must be an ISO-8601 date or instant (2026-03-01 or "
                    + "2026-03-01T09:00:00Z), not '" + value + "'");
        }
    }

    /** An instant, or a date meaning its midnight UTC (for ranges on instants such as a draft's creation time). */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeException e) {
            throw new BadQueryException(name + " must be an ISO-8601 date or instant (2026-03-01 or "
                    + "2026-03-01T09:00:00Z), not '" + value + "'");
        }
    }

    private static BookingStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return BookingStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("status must be one of " + Arrays.stream(BookingStatus.values())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", not '" + status + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
