package dev.bookingsinvoicing.bc.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.bc.client.BusinessCentralException;
import dev.bookingsinvoicing.events.ExportedDocumentType;
import dev.bookingsinvoicing.schemas.EventSchemas;

/**
 * Invoices and credit notes Business Central refused (400), kept with its message and the event itself
 * (DraftInvoiceCreated or DraftCreditNoteCreated, in field {@code invoice}) until an operator retries them: MongoDB
 * collection {@code parked_exports}, one document per invoice or credit note id.
 */
@Component
public class ParkedExports {

    static final String COLLECTION = "parked_exports";

    private final MongoTemplate mongo;

    public ParkedExports(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A parked invoice (or credit note: {@code invoiceId} is its credit note id) as the API lists it. */
    public record Parked(String invoiceId, String documentType, String customerNo, String reason, String errorCode,
            int httpStatus, Instant parkedAt, int attempts) {
    }

    void park(ExportService.Export parked, BusinessCentralException error) {
        Document existing = mongo.findById(parked.id(), Document.class, COLLECTION);
        int attempts = existing == null ? 1 : existing.getInteger("attempts", 0) + 1;
        Document document = new Document("_id", parked.id())
                .append("documentType", parked.type().name())
                .append("customerNo", parked.customerNo())
                .append("reason", error.getMessage())
                .append("errorCode", error.code())
                .append("httpStatus", error.status())
                .append("parkedAt", java.util.Date.from(Instant.now()))
                .append("attempts", attempts)
                .append("invoice", new Binary(EventSchemas.get().encode(parked.event())));
        mongo.save(document, COLLECTION);
    }

    void remove(String invoiceId) {
        mongo.remove(Query.query(Criteria.where("_id").is(invoiceId)), COLLECTION);
    }

    /** The parked DraftInvoiceCreated or DraftCreditNoteCreated of this id. */
    Optional<SpecificRecord> event(String documentId) {
        return Optional.ofNullable(mongo.findById(documentId, Document.class, COLLECTION))
                .map(d -> EventSchemas.get().decode(d.get("invoice", Binary.class).getData()));
    }

    public List<Parked> list() {
        return mongo.find(new Query().with(Sort.by("parkedAt")), Document.class, COLLECTION).stream()
                .map(d -> new Parked(d.getString("_id"),
                        d.get("documentType", ExportedDocumentType.INVOICE.name()), d.getString("customerNo"),
                        d.getString("reason"),
                        d.getString("errorCode"), d.getInteger("httpStatus", 0), d.getDate("parkedAt").toInstant(),
                        d.getInteger("attempts", 1)))
                .toList();
    }
}
