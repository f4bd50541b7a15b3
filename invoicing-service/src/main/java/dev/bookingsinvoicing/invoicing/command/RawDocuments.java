package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;

/**
 * Hand-written BSON for the hot path of InvoiceBookings: view rows read with a projection, plan pieces and draft
 * invoices written and read as {@link Document}s. Spring Data's mapping costs tens of microseconds per document,
 * which at a million bookings is most of a minute; these documents have exactly the shape Spring Data writes
 * (field names, {@code _id}, dates, decimals in the representation the template's converter uses), so the REST
 * API still reads them as {@link DraftInvoice} and {@link BookingRow}.
 */
final class RawDocuments {

    /** The fields of a view row that planning needs. */
    static final List<String> ROW_FIELDS = List.of("_id", "businessId", "start", "timeZone", "localDate",
            "serviceId", "serviceName", "itemNo", "customerNo", "billToName", "priceType", "price", "currency", "quantity",
            "unitPrice", "amount", "status", "reason");

    private final boolean decimal128;

    RawDocuments(MongoTemplate mongo) {
        this.decimal128 = mongo.getConverter().convertToMongoType(BigDecimal.ONE) instanceof Decimal128;
    }

    /** A view row with the fields planning uses; the others are null. */
    static BookingRow row(Document d) {
        String status = d.getString("status");
        return new BookingRow(d.getString("_id"), d.getString("businessId"), null, null, instant(d.get("start")), null,
                0, d.getString("timeZone"), d.getString("localDate"), d.getString("serviceId"), d.getString("serviceName"),
                d.getString("itemNo"), null, null, d.getString("customerNo"), d.getString("billToName"),
                d.getString("priceType"), decimal(d.get("price")), d.getString("currency"), decimal(d.get("quantity")),
                decimal(d.get("unitPrice")), decimal(d.get("amount")), null,
                status == null ? null : BookingStatus.valueOf(status), d.getString("reason"));
    }

    Document invoice(DraftInvoice invoice) {
        List<Document> lines = new ArrayList<>(invoice.lines().size());
        for (InvoiceLine l : invoice.lines()) {
            lines.add(new Document("lineNo", l.lineNo()).append("bookingId", l.bookingId())
                    .append("businessId", l.businessId()).append("itemNo", l.itemNo())
                    .append("description", l.description()).append("serviceDate", date(l.serviceDate()))
                    .append("serviceLocalDate", text(l.serviceLocalDate())).append("timeZone", l.timeZone())
                    .append("quantity", money(l.quantity())).append("unitPrice", money(l.unitPrice()))
                    .append("amount", money(l.amount())));
        }
        return new Document("_id", invoice.id()).append("commandId", invoice.commandId())
                .append("customerNo", invoice.customerNo()).append("customerName", invoice.customerName())
                .append("currency", invoice.currency()).append("lines", lines)
                .append("totalAmount", money(invoice.totalAmount())).append("createdAt", date(invoice.createdAt()));
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
        if (value == null) {
            return null;
        }
        return decimal128 ? new Decimal128(value) : value.toPlainString();
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (value instanceof String s) {
            return new BigDecimal(s);
        }
        return value instanceof BigDecimal b ? b : null;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Object value) {
        return value instanceof Date d ? d.toInstant() : null;
    }

    /** Local dates are stored as ISO-8601 text, like the view's {@code localDate} (see BookingRow). */
    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate localDate(Object value) {
        return value instanceof String s ? LocalDate.parse(s) : null;
    }
}
