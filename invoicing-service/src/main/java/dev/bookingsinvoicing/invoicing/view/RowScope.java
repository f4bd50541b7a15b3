package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Which rows of the view a command takes: all, or one customer's, narrowed to a business, to starts in [from, to)
 * and to local dates in [fromDate, toDate]; null leaves a part open.
 */
public record RowScope(String customerNo, String businessId, Instant from, Instant to, LocalDate fromDate,
        LocalDate toDate) {

    /** Whether a row (read by id) is within the narrowing; the customer is not checked. */
    public boolean narrows(BookingRow row) {
        return (businessId == null || businessId.equals(row.businessId()))
                && (from == null || !row.start().isBefore(from))
                && (to == null || row.start().isBefore(to))
                && LocalDateRange.contains(row.localDate(), fromDate, toDate);
    }
}
