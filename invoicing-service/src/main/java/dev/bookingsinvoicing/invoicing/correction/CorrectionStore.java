package dev.bookingsinvoicing.invoicing.correction;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.correction.Correction.Status;
import dev.bookingsinvoicing.invoicing.store.DocumentsById;

/**
 * Corrections ({@code corrections}, {@code _id} = correctionId) and credit notes ({@code credit_notes}, {@code _id} =
 * creditNoteId). Every write is idempotent or conditional on the status it leaves: a correction is recorded by an
 * insert of its deterministic id, and leaves OPEN exactly once, by an update that matches only while it is OPEN.
 */
@Component
public class CorrectionStore {

    private final MongoTemplate mongo;
    private final DocumentsById documents;

    public CorrectionStore(MongoTemplate mongo, DocumentsById documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    /** Records the correction, or returns the one with its id recorded first (a re-delivery's). */
    Correction record(Correction correction) {
        return documents.insertOrExisting(correction, Correction.class, correction.id());
    }

    public Optional<Correction> find(String correctionId) {
        return correctionId == null ? Optional.empty() : documents.find(correctionId, Correction.class);
    }

    /**
     * Resolves an OPEN correction for {@code commandId}, or leaves one this command resolved already (a retry) as it
     * is; returns the correction as it is afterwards: resolved by this command, or by whoever came first.
     */
    Correction resolve(String correctionId, Status status, String commandId, String issuedBy, String reason,
            Instant at) {
        mongo.updateFirst(query(where("_id").is(correctionId).and("status").is(Status.OPEN)),
                new Update().set("status", status).set("resolvedByCommand", commandId).set("resolvedBy", issuedBy)
                        .set("resolvedAt", at).set("resolutionReason", reason),
                Correction.class);
        return find(correctionId).orElseThrow();
    }

    /** Marks the OPEN corrections of one invoiced booking, but {@code newer}, as superseded by it (null: by none). */
    void supersedeOpen(String invoiceId, String bookingId, String newer, Instant at) {
        Criteria open = where("invoiceId").is(invoiceId).and("bookingId").is(bookingId).and("status").is(Status.OPEN);
        if (newer != null) {
            open = open.and("_id").ne(newer);
        }
        mongo.updateMulti(query(open), new Update().set("status", Status.SUPERSEDED).set("supersededBy", newer)
                .set("resolvedAt", at), Correction.class);
    }

    /** Marks a correction whose line another correction credited first as superseded by that one. */
    void supersede(String correctionId, String by) {
        mongo.updateFirst(query(where("_id").is(correctionId)),
                new Update().set("status", Status.SUPERSEDED).set("supersededBy", by), Correction.class);
    }

    /** Resolves every OPEN correction of a deleted draft invoice (RESOLVED_BY_DELETE), by the deleting command. */
    void resolveDeleted(String invoiceId, String commandId, String issuedBy, Instant at) {
        mongo.updateMulti(query(where("invoiceId").is(invoiceId).and("status").is(Status.OPEN)),
                new Update().set("status", Status.RESOLVED_BY_DELETE).set("resolvedByCommand", commandId)
                        .set("resolvedBy", issuedBy).set("resolvedAt", at), Correction.class);
    }

    /** A page of corrections matching {@code criteria}, newest first. */
    public List<Correction> page(Criteria criteria, int page, int size) {
        Query pageQuery = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "detectedAt", "_id"))
                .skip((long) page * size).limit(size);
        return mongo.find(pageQuery, Correction.class);
    }

    public long count(Criteria criteria) {
        return mongo.count(Query.query(criteria), Correction.class);
    }

    /** Stores the credit note, or returns the one with its id stored first (its line was credited already). */
    CreditNote record(CreditNote note) {
        return documents.insertOrExisting(note, CreditNote.class, note.id());
    }

    Optional<CreditNote> creditNote(String creditNoteId) {
        return documents.find(creditNoteId, CreditNote.class);
    }
}
