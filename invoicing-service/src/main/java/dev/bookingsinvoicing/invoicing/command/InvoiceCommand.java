package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * InvoiceBookings as the domain sees it. {@code businessId}, {@code from} (inclusive) and {@code to} (exclusive,
 * on the booking's start instant), {@code fromDate} and {@code toDate} (both inclusive, on the booking's local date)
 * narrow any scope; each may be null. A {@code preview} only says what the command would do: it plans as the
 * command would, and claims, stores and publishes no invoice. {@code grouping} says how the
 * invoices are grouped; null takes the service's default.
 */
public record InvoiceCommand(String commandId, String issuedBy, InvoiceScope scope, List<String> bookingIds,
        String customerNo, String businessId, Instant from, Instant to, LocalDate fromDate, LocalDate toDate,
        boolean preview, InvoiceGrouping grouping) implements IssuedCommand {

    public static final String TYPE = "InvoiceBookings";
}
