package dev.bookingsinvoicing.bc.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.bc.client.BusinessCentralException;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.schemas.EventSchemas;

/**
 * Invoices Business Central refused (400), kept with its message and the invoice event itself until an operator
 * retries them: MongoDB collection {@code parked_exports}, one document per invoice id.
 */
@Component
public class ParkedExports {

    static final String COLLECTION = "parked_exports";

    private final MongoTemplate mongo;

    public ParkedExports(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A parked invoice as the API lists it. */
    public record Parked(String invoiceId, String customerNo, String reason, String errorCode, int httpStatus,
            Instant parkedAt, int attempts) {
    }

    void park(DraftInvoiceCreated invoice, BusinessCentralException error) {
        Document existing = mongo.findById(invoice.getInvoiceId(), Document.class, COLLECTION);
        int attempts = existing == null ? 1 : existing.getInteger("attempts", 0) + 1;
        Document document = new Document("_id", invoice.getInvoiceId())
                .append("customerNo", invoice.getCustomerNo())
                .append("reason", error.getMessage())
                .append("errorCode", error.code())
                .append("httpStatus", error.status())
                .append("parkedAt", java.util.Date.from(Instant.now()))
                .append("attempts", attempts)
                .append("invoice", new Binary(EventSchemas.get().encode(invoice)));
        mongo.save(document, COLLECTION);
    }

    void remove(String invoiceId) {
        mongo.remove(Query.query(Criteria.where("_id").is(invoiceId)), COLLECTION);
    }

    Optional<DraftInvoiceCreated> invoice(String invoiceId) {
        return Optional.ofNullable(mongo.findById(invoiceId, Document.class, COLLECTION))
                .map(d -> (DraftInvoiceCreated) EventSchemas.get().decode(d.get("invoice", Binary.class).getData()));
    }

    public List<Parked> list() {
        return mongo.find(new Query().with(Sort.by("parkedAt")), Document.class, COLLECTION).stream()
                .map(d -> new Parked(d.getString("_id"), d.getString("customerNo"), d.getString("reason"),
                        d.getString("errorCode"), d.getInteger("httpStatus", 0), d.getDate("parkedAt").toInstant(),
                        d.getInteger("attempts", 1)))
                .toList();
    }
}
