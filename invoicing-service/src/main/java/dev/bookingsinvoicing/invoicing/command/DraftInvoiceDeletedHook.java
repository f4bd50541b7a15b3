package dev.bookingsinvoicing.invoicing.command;

/**
 * Told by DeleteDraftInvoice, after the invoice's claims are released and its bookings restored and before the
 * result is stored, so that what hangs on the invoice (open corrections) goes with it. Must be idempotent: a retry
 * after a crash calls it again.
 */
public interface DraftInvoiceDeletedHook {

    void deleted(DeletedInvoice invoice, String commandId);
}
