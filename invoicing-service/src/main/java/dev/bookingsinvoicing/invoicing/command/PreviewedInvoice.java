package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.util.List;

/**
 * A draft invoice an InvoiceBookings sent as a preview would create, as its result keeps it: no id (ids derive from
 * the command that creates the invoice), {@code lineCount} and {@code totalAmount} of all its lines, {@code lines}
 * possibly cut to keep the result small ({@link CommandResult#LIST_BUDGET_BYTES}).
 */
public record PreviewedInvoice(String customerNo, String customerName, String currency, List<String> businessIds,
        int lineCount, BigDecimal totalAmount, List<Line> lines) {

    /** One booking on it, with what the invoice line would say. */
    public record Line(String bookingId, String itemNo, String description, BigDecimal quantity, BigDecimal unitPrice,
            BigDecimal amount) {
    }

    /** The invoice as planned, with the first {@code keptLines} of its lines. */
    static PreviewedInvoice of(DraftInvoice invoice, int keptLines) {
        return new PreviewedInvoice(invoice.customerNo(), invoice.customerName(), invoice.currency(),
                invoice.businessIds(), invoice.lines().size(), invoice.totalAmount(),
                invoice.lines().subList(0, keptLines).stream().map(l -> new Line(l.bookingId(), l.itemNo(),
                        l.description(), l.quantity(), l.unitPrice(), l.amount())).toList());
    }

    /** The invoices, lines and total a preview would create in one currency. */
    public record CurrencyTotal(String currency, int invoices, int lines, BigDecimal totalAmount) {
    }
}
