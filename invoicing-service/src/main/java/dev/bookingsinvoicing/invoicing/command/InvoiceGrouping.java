package dev.bookingsinvoicing.invoicing.command;

import java.util.Locale;

import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRows;

/**
 * How InvoiceBookings groups ready bookings into draft invoices, always also per currency: one invoice per customer
 * (Business Central's rule), per customer and Bookings business, or per customer and calendar month of the booking's
 * local date (period billing: the month of the date the invoice line carries, the appointment's start in its own
 * time zone, which is the business's for the times Graph writes in UTC).
 */
public enum InvoiceGrouping {
    CUSTOMER, CUSTOMER_AND_BUSINESS, CUSTOMER_AND_MONTH;

    /** What the row adds to its invoice's key besides customer and currency: nothing, its business, its month. */
    String groupOf(BookingRow row) {
        return switch (this) {
            case CUSTOMER -> null;
            case CUSTOMER_AND_BUSINESS -> row.businessId();
            case CUSTOMER_AND_MONTH -> BookingRows.withLocalDate(row).localDate().substring(0, 7);
        };
    }

    /** "per customer", "per customer and business", "per customer and month", for summaries. */
    public String words() {
        return "per " + name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
