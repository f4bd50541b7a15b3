package dev.bookingsinvoicing.invoicing.command;

import static dev.bookingsinvoicing.invoicing.store.BsonValues.date;
import static dev.bookingsinvoicing.invoicing.store.BsonValues.decimal;
import static dev.bookingsinvoicing.invoicing.store.BsonValues.instant;
import static dev.bookingsinvoicing.invoicing.store.BsonValues.localDate;
import static dev.bookingsinvoicing.invoicing.store.BsonValues.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.invoicing.store.BsonValues;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;

/**
 * Hand-written BSON for the hot path of InvoiceBookings: plan pieces and draft invoices written and read as
 * {@link Document}s. Spring Data's mapping costs tens of microseconds per document, which at a million bookings is
 * most of a minute; these documents have exactly the shape Spring Data writes (field names, {@code _id}, dates,
 * decimals in the representation the template's converter uses), so the REST API still reads them as
 * {@link DraftInvoice}.
 */
final class RawDocuments {

    private final boolean decimalsAsText;

    RawDocuments(MongoTemplate mongo) {
        this.decimalsAsText = BsonValues.decimalsAsText(mongo);
    }

    Document invoice(DraftInvoice invoice) {
        List<Document> lines = new ArrayList<>(invoice.lines().size());
        for (InvoiceLine l : invoice.lines()) {
            lines.add(new Document("lineNo", l.lineNo()).append("bookingId", l.bookingId())
                    .append("businessId", l.businessId()).append("itemNo", l.itemNo())
                    .append("description", l.description()).append("serviceDate", date(l.serviceDate()))
                    .append("serviceLocalDate", text(l.serviceLocalDate())).append("timeZone", l.timeZone())
                    .append("quantity", money(l.quantity())).append("unitPrice", money(l.unitPrice()))
                    .append("amount", money(l.amount())).append("unitOfMeasure", l.unitOfMeasure())
                    .append("genProdPostingGroup", l.genProdPostingGroup())
                    .append("vatProdPostingGroup", l.vatProdPostingGroup()));
        }
        CustomerPosting posting = invoice.customerPosting();
        return new Document("_id", invoice.id()).append("commandId", invoice.commandId())
                .append("customerNo", invoice.customerNo()).append("customerName", invoice.customerName())
                .append("currency", invoice.currency()).append("lines", lines)
                .append("totalAmount", money(invoice.totalAmount())).append("createdAt", date(invoice.createdAt()))
                .append("customerPosting", posting == null ? null
                        : new Document("customerPostingGroup", posting.customerPostingGroup())
                                .append("genBusPostingGroup", posting.genBusPostingGroup())
                                .append("vatBusPostingGroup", posting.vatBusPostingGroup()));
    }

    static DraftInvoice invoice(Document d) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (Document l : d.getList("lines", Document.class)) {
            lines.add(new InvoiceLine(l.getInteger("lineNo"), l.getString("bookingId"), l.getString("businessId"),
                    l.getString("itemNo"), l.getString("description"), instant(l.get("serviceDate")),
                    localDate(l.get("serviceLocalDate")), l.getString("timeZone"), decimal(l.get("quantity")),
                    decimal(l.get("unitPrice")), decimal(l.get("amount")), l.getString("unitOfMeasure"),
                    l.getString("genProdPostingGroup"), l.getString("vatProdPostingGroup")));
        }
        Document posting = d.get("customerPosting", Document.class);
        return new DraftInvoice(d.getString("_id"), d.getString("commandId"), d.getString("customerNo"),
                d.getString("customerName"), d.getString("currency"), lines, decimal(d.get("totalAmount")),
                instant(d.get("createdAt")), posting == null ? null : new CustomerPosting(
                        posting.getString("customerPostingGroup"), posting.getString("genBusPostingGroup"),
                        posting.getString("vatBusPostingGroup")));
    }

    Object money(BigDecimal value) {
        return BsonValues.decimal(value, decimalsAsText);
    }
}
