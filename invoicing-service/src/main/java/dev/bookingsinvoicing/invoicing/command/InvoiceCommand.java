package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * InvoiceBookings as the domain sees it. {@code businessId}, {@code from} (inclusive) and {@code to} (exclusive,
 * on the booking's start instant), {@code fromDate} and {@code toDate} (both inclusive, on the booking's local date)
 * narrow any scope; each may be null.
 */
public record InvoiceCommand(String commandId, String issuedBy, InvoiceScope scope, List<String> bookingIds,
        String customerNo, String businessId, Instant from, Instant to, LocalDate fromDate, LocalDate toDate)
        implements IssuedCommand {

    public static final String TYPE = "InvoiceBookings";
}
