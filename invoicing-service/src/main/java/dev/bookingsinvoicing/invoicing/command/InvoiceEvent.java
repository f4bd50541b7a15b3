package dev.bookingsinvoicing.invoicing.command;

/**
 * What a command publishes on {@code invoicing.invoices}: a draft invoice created, or deleted, or an event of another
 * package that knows its published form (a credit note).
 */
public sealed interface InvoiceEvent permits DraftInvoice, DeletedInvoice, InvoiceEvent.Published {

    /** The key of its record: the customer no., so that one customer's invoice events stay in order. */
    String customerNo();

    /** An invoice event of another package (a credit note): it builds its own record, deterministically. */
    non-sealed interface Published extends InvoiceEvent {

        /** The record to publish; the same stored event gives the same record (same id, same bytes). */
        org.apache.avro.specific.SpecificRecord toRecord();
    }
}
