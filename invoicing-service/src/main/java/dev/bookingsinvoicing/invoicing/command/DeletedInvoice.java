package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The tombstone of a deleted draft invoice ({@code _id} = invoiceId), inserted before anything is released: the
 * insert is the decision, so a second DeleteDraftInvoice of the same invoice (any command id) finds it and answers
 * the same way, re-publishing the same DraftInvoiceDeleted (same event id and time).
 *
 * @param commandId        the DeleteDraftInvoice that deleted it
 * @param invoiceCommandId the InvoiceBookings that had created it
 */
@Document(DeletedInvoice.COLLECTION)
public record DeletedInvoice(@Id String id, String commandId, String invoiceCommandId, String customerNo,
        List<String> bookingIds, String issuedBy, Instant deletedAt) implements InvoiceEvent {

    public static final String COLLECTION = "deleted_invoices";
}
