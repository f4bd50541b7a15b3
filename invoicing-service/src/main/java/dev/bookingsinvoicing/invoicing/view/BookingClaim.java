package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A booking taken by an invoicing command. The claim is an insert whose {@code _id} is the booking id, so a
 * second claim fails with a duplicate key in any MongoDB, without transactions: this is what keeps a booking on
 * at most one draft invoice. The view never shows a claimed booking again. A booking marked as invoiced
 * (MarkBookingsInvoiced) is claimed the same way with no invoiceId, by whom and why; only deleting a draft invoice
 * (those naming that invoice) and crediting a correction (the credited booking's claim on that invoice) remove
 * claims, so a marked booking stays claimed for good.
 */
@Document(BookingClaim.COLLECTION)
public record BookingClaim(@Id String id, String commandId, String invoiceId, Instant claimedAt, String markedBy,
        String reason) {

    public static final String COLLECTION = "booking_claims";

    public BookingClaim(String id, String commandId, String invoiceId, Instant claimedAt) {
        this(id, commandId, invoiceId, claimedAt, null, null);
    }

    /** Why this booking cannot be taken again, for skip and rejection reasons. */
    public String describe() {
        return invoiceId != null ? "already invoiced on " + invoiceId
                : "already marked as invoiced by " + markedBy + " (" + reason + ")";
    }
}
