package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.util.List;

/**
 * What a command decided to invoice: the draft invoices (id = command id) and the bookings it skipped. Stored by
 * {@link InvoicePlanStore} before any booking is claimed, so that a retry after a crash carries out the same
 * decision instead of recomputing it from a view that has moved on.
 */
public record InvoicePlan(String id, List<DraftInvoice> invoices, List<SkippedBooking> skipped, Instant createdAt) {

    public List<String> bookingIds() {
        return invoices.stream().flatMap(i -> i.lines().stream()).map(InvoiceLine::bookingId).toList();
    }
}
