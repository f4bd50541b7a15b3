package dev.bookingsinvoicing.invoicing.correction;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.command.DeletedInvoice;
import dev.bookingsinvoicing.invoicing.command.DraftInvoiceDeletedHook;

/** A deleted draft invoice takes its open corrections with it: they become RESOLVED_BY_DELETE, by the delete. */
@Component
class CorrectionsOfDeletedInvoices implements DraftInvoiceDeletedHook {

    private final CorrectionStore store;

    CorrectionsOfDeletedInvoices(CorrectionStore store) {
        this.store = store;
    }

    @Override
    public void deleted(DeletedInvoice invoice, String commandId) {
        store.resolveDeleted(invoice.id(), commandId, invoice.issuedBy(), invoice.deletedAt());
    }
}
