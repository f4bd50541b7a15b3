package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.bookingsinvoicing.invoicing.view.CustomerPosting;

/**
 * A draft invoice for one customer (and currency; and business when invoices are per business), created by one
 * command; {@code _id} = invoiceId. {@code customerPosting} holds the customer's posting groups for an ERP (null on
 * invoices stored before it was kept). The indexes serve the dashboard's listing (by customer, newest first) and the
 * re-publication of a command's invoices.
 */
@Document(DraftInvoice.COLLECTION)
@CompoundIndex(name = "by_customer_created", def = "{'customerNo': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "by_created", def = "{'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "by_command", def = "{'commandId': 1}")
public record DraftInvoice(@Id String id, String commandId, String customerNo, String customerName, String currency,
        List<InvoiceLine> lines, BigDecimal totalAmount, Instant createdAt, CustomerPosting customerPosting)
        implements InvoiceEvent {

    public static final String COLLECTION = "draft_invoices";

    /** This invoice with other lines and their total (null lines stay as they are: a piece of a stored plan). */
    DraftInvoice withLines(List<InvoiceLine> newLines) {
        BigDecimal total = newLines.stream().map(InvoiceLine::amount).reduce(BigDecimal::add).orElse(BigDecimal.ZERO);
        return new DraftInvoice(id, commandId, customerNo, customerName, currency, newLines, total, createdAt,
                customerPosting);
    }

    /** The Bookings businesses of the lines, in order. */
    List<String> businessIds() {
        return lines.stream().map(InvoiceLine::businessId).distinct().sorted().toList();
    }
}
