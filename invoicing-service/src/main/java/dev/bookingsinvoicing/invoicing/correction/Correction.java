package dev.bookingsinvoicing.invoicing.correction;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A booking on a draft invoice that was cancelled, or changed so that its line would change, after it was invoiced
 * ({@code _id} = correctionId, see {@link CorrectionRules#correctionId}). Open until an operator credits or accepts it
 * (ResolveCorrection), the draft invoice is deleted, or a newer change of the same booking supersedes it.
 *
 * @param invoiceCommandId  the InvoiceBookings that created the invoice
 * @param invoiced          the line as it is on the invoice
 * @param now               the line the booking would get now; null when cancelled
 * @param nowReason         why the booking could not be invoiced now, when it could not
 * @param resolvedByCommand the command that resolved it (ResolveCorrection or DeleteDraftInvoice)
 * @param supersededBy      the newer correction of the same booking, when SUPERSEDED by one
 */
@Document(Correction.COLLECTION)
@CompoundIndex(name = "by_status_detected", def = "{'status': 1, 'detectedAt': -1, '_id': -1}")
@CompoundIndex(name = "by_invoice_booking", def = "{'invoiceId': 1, 'bookingId': 1}")
public record Correction(@Id String id, String invoiceId, String invoiceCommandId, String customerNo,
        String customerName, String currency, String bookingId, String businessId, Kind kind, CorrectionLine invoiced,
        CorrectionLine now, String nowReason, Instant detectedAt, Status status, String resolvedByCommand,
        String resolvedBy, Instant resolvedAt, String resolutionReason, String supersededBy) {

    public static final String COLLECTION = "corrections";

    /** CANCELLED: the appointment was cancelled or the attendee removed; CHANGED: the line would differ. */
    public enum Kind {
        CANCELLED, CHANGED
    }

    public enum Status {
        OPEN, CREDITED, ACCEPTED, RESOLVED_BY_DELETE, SUPERSEDED
    }

    /** Why this correction cannot be resolved again, for a refusal. */
    String describeResolution() {
        return switch (status) {
            case OPEN -> "open";
            case CREDITED -> "already credited by command " + resolvedByCommand + " (credit note "
                    + CorrectionRules.creditNoteId(invoiceId, bookingId) + ")";
            case ACCEPTED -> "already accepted as invoiced by command " + resolvedByCommand;
            case RESOLVED_BY_DELETE -> "resolved when its draft invoice " + invoiceId + " was deleted (command "
                    + resolvedByCommand + ")";
            case SUPERSEDED -> supersededBy == null ? "superseded: the booking is as invoiced again"
                    : "superseded by the newer correction " + supersededBy + " of the same booking";
        };
    }
}
