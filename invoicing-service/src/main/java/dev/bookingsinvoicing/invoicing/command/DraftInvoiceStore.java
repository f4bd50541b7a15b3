package dev.bookingsinvoicing.invoicing.command;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.DocumentsById;

/**
 * Draft invoices ({@code draft_invoices}, written as raw documents: see {@link RawDocuments}) and the tombstones of
 * deleted ones ({@code deleted_invoices}).
 */
@Component
public class DraftInvoiceStore {

    private final DocumentsById documents;
    private final RawDocuments raw;

    public DraftInvoiceStore(DocumentsById documents, MongoTemplate mongo) {
        this.documents = documents;
        this.raw = new RawDocuments(mongo);
    }

    /** Inserts the invoices; one that exists (an earlier attempt got that far) is replaced by this plan's. */
    void upsertAll(List<DraftInvoice> invoices) {
        documents.upsertAll(DraftInvoice.COLLECTION, invoices.stream().map(raw::invoice).toList());
    }

    public Optional<DraftInvoice> find(String invoiceId) {
        return invoiceId == null ? Optional.empty() : documents.find(invoiceId, DraftInvoice.class);
    }

    /** The invoices with these ids that still exist, in the order given. */
    public List<DraftInvoice> find(Collection<String> invoiceIds) {
        Map<String, DraftInvoice> byId = new LinkedHashMap<>(documents.byId(invoiceIds, DraftInvoice.class,
                DraftInvoice::id));
        return invoiceIds.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** Every invoice of one command (index by_command; a scan on the embedded server, for a rare case). */
    List<DraftInvoice> ofCommand(String commandId) {
        return documents.findRaw(DraftInvoice.COLLECTION, new Document("commandId", commandId)).stream()
                .map(RawDocuments::invoice).toList();
    }

    void delete(String invoiceId) {
        documents.delete(invoiceId, DraftInvoice.class);
    }

    public Optional<DeletedInvoice> tombstone(String invoiceId) {
        return invoiceId == null ? Optional.empty() : documents.find(invoiceId, DeletedInvoice.class);
    }

    /** Stores the tombstone, or returns the one a racing deletion of the same invoice stored first. */
    DeletedInvoice bury(DeletedInvoice deleted) {
        return documents.insertOrExisting(deleted, DeletedInvoice.class, deleted.id());
    }
}
