package dev.bookingsinvoicing.invoicing.export;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.ExportOperation;
import dev.bookingsinvoicing.events.InvoiceExportFailed;
import dev.bookingsinvoicing.events.InvoiceExported;

/**
 * What became of each draft invoice in Business Central, as the Business Central connector announced it on
 * {@code business-central.exports}: the latest status per invoice ({@code business_central_exports}, one document per
 * invoice id), shown on the draft invoices page.
 */
@Component
public class BusinessCentralExports {

    static final String COLLECTION = "business_central_exports";

    private final MongoTemplate mongo;

    public BusinessCentralExports(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One invoice's status in words, and whether it needs someone's attention. */
    public record Status(String text, boolean failed) {
    }

    void exported(InvoiceExported event) {
        String text = event.getDeleted() ? "deleted there too"
                : event.getBusinessCentralNumber() + " (" + event.getBusinessCentralStatus() + ")";
        save(event.getInvoiceId(), text, false, event.getOccurredAt());
    }

    void failed(InvoiceExportFailed event) {
        String text = (event.getOperation() == ExportOperation.DELETE ? "not deleted: " : "refused, parked: ")
                + event.getReason();
        save(event.getInvoiceId(), text, true, event.getOccurredAt());
    }

    private void save(String invoiceId, String text, boolean failed, Instant at) {
        mongo.save(new Document("_id", invoiceId).append("text", text).append("failed", failed)
                .append("at", java.util.Date.from(at)), COLLECTION);
    }

    /** The status of each of these invoices that has one (a page's worth of ids). */
    public Map<String, Status> of(Collection<String> invoiceIds) {
        Map<String, Status> statuses = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(invoiceIds)), Document.class, COLLECTION)
                .forEach(d -> statuses.put(d.getString("_id"),
                        new Status(d.getString("text"), d.getBoolean("failed"))));
        return statuses;
    }
}
