package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A draft invoice for one customer (and currency), created by one command; {@code _id} = invoiceId. */
@Document(DraftInvoice.COLLECTION)
public record DraftInvoice(@Id String id, String commandId, String customerNo, String customerName, String currency,
        List<InvoiceLine> lines, BigDecimal totalAmount, Instant createdAt) {

    public static final String COLLECTION = "draft_invoices";
}
