package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A draft invoice for one customer (and currency), created by one command; {@code _id} = invoiceId. The indexes
 * serve the dashboard's listing (by customer, newest first) and the re-publication of a command's invoices.
 */
@Document(DraftInvoice.COLLECTION)
@CompoundIndex(name = "by_customer_created", def = "{'customerNo': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "by_created", def = "{'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "by_command", def = "{'commandId': 1}")
public record DraftInvoice(@Id String id, String commandId, String customerNo, String customerName, String currency,
        List<InvoiceLine> lines, BigDecimal totalAmount, Instant createdAt) {

    public static final String COLLECTION = "draft_invoices";
}
