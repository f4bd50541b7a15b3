package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.bson.Document;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.store.BsonValues;

/** A draft invoice as the page shows it, read from the raw {@code draft_invoices} document. */
public record InvoiceView(String id, String commandId, String customerNo, String customerName, String currency,
        List<Line> lines, BigDecimal totalAmount, Instant createdAt) {

    static final String COLLECTION = "draft_invoices";

    /** One booking on the invoice. */
    public record Line(int lineNo, String bookingId, String itemNo, String description, Instant serviceDate,
            BigDecimal quantity, String unitOfMeasure, BigDecimal unitPrice, BigDecimal amount) {
    }

    boolean visibleTo(BusinessAccess access) {
        return access.seesInvoice(lines.stream().map(Line::bookingId).toList());
    }

    static InvoiceView of(Document d) {
        return new InvoiceView(d.getString("_id"), d.getString("commandId"), d.getString("customerNo"),
                d.getString("customerName"), d.getString("currency"),
                d.getList("lines", Document.class, List.of()).stream().map(l -> new Line(
                        l.get("lineNo") instanceof Number n ? n.intValue() : 0, l.getString("bookingId"),
                        l.getString("itemNo"), l.getString("description"),
                        CommandOutcome.instant(l.get("serviceDate")), BsonValues.decimal(l.get("quantity")),
                        l.getString("unitOfMeasure"), BsonValues.decimal(l.get("unitPrice")),
                        BsonValues.decimal(l.get("amount"))))
                        .toList(),
                BsonValues.decimal(d.get("totalAmount")), CommandOutcome.instant(d.get("createdAt")));
    }
}
