package dev.bookingsinvoicing.invoicing.view;

import java.time.LocalDate;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * A range of bookings' local dates, both ends included, either end open, as the view stores the date: the row's
 * {@value #FIELD} is ISO-8601 text, which orders like the dates. The page, the dashboard API and InvoiceBookings'
 * fromDate/toDate narrow by it, so a date filter invoices exactly the rows it shows.
 */
public final class LocalDateRange {

    /** The row's field holding its local date. */
    public static final String FIELD = "localDate";

    private LocalDateRange() {
    }

    /** {@code field} (a criteria on {@link #FIELD}) narrowed to [from, to]; nulls leave that end open. */
    public static Criteria bound(Criteria field, LocalDate from, LocalDate to) {
        if (from != null) {
            field.gte(from.toString());
        }
        if (to != null) {
            field.lte(to.toString());
        }
        return field;
    }

    /** Whether a row's local date is in [from, to] (a row without one is in no bounded range). */
    public static boolean contains(String localDate, LocalDate from, LocalDate to) {
        return (from == null || localDate != null && localDate.compareTo(from.toString()) >= 0)
                && (to == null || localDate != null && localDate.compareTo(to.toString()) <= 0);
    }
}
