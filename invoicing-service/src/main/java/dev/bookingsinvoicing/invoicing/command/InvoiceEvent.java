package dev.bookingsinvoicing.invoicing.command;

/** What a command publishes on {@code invoicing.invoices}: a draft invoice created, or deleted. */
public sealed interface InvoiceEvent permits DraftInvoice, DeletedInvoice {

    /** The key of its record: the customer no., so that one customer's invoice events stay in order. */
    String customerNo();
}
