package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a command decided to invoice, stored ({@code _id} = commandId) before any booking is claimed, so that a
 * retry after a crash carries out the same decision instead of recomputing it from a view that has moved on.
 * One document: at about 200 bytes per line it holds some 80,000 bookings before MongoDB's 16 MB limit.
 */
@Document(InvoicePlan.COLLECTION)
public record InvoicePlan(@Id String id, List<DraftInvoice> invoices, List<SkippedBooking> skipped,
        Instant createdAt) {

    public static final String COLLECTION = "invoice_plans";

    public List<String> bookingIds() {
        return invoices.stream().flatMap(i -> i.lines().stream()).map(InvoiceLine::bookingId).toList();
    }
}
