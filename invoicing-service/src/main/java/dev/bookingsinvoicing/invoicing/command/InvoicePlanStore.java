package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import com.mongodb.client.model.InsertManyOptions;

/**
 * Stores command plans of any size. The pieces ({@link PlanChunks}) are inserted first under ids private to this
 * attempt, then the header ({@code _id} = commandId) naming that attempt: the header insert is the one atomic
 * step that makes a plan exist. If two attempts of one command race (a zombie after a rebalance), the loser's
 * header insert fails, it reads the winner's plan, and its own pieces are never referenced.
 */
public class InvoicePlanStore {

    /** The header: which attempt's pieces make the plan. */
    @Document(PlanHeader.COLLECTION)
    record PlanHeader(@Id String id, String attempt, int pieces, Instant createdAt) {
        static final String COLLECTION = "invoice_plans";
    }

    /** Pieces of a plan; {@code _id} = attempt + "#" + index. Written and read as raw documents (RawDocuments). */
    static final String PIECES = "invoice_plan_pieces";

    private final MongoTemplate mongo;
    private final int maxLinesPerPiece;
    private final RawDocuments raw;

    public InvoicePlanStore(MongoTemplate mongo, int maxLinesPerPiece) {
        this.mongo = mongo;
        this.maxLinesPerPiece = maxLinesPerPiece;
        this.raw = new RawDocuments(mongo);
    }

    public Optional<InvoicePlan> find(String commandId) {
        PlanHeader header = mongo.findById(commandId, PlanHeader.class);
        if (header == null) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < header.pieces(); i++) {
            ids.add(pieceId(header.attempt(), i));
        }
        List<PlanChunks.Piece> pieces = new ArrayList<>();
        for (String id : ids) {
            // one piece at a time: each is up to a few MB, and the embedded server caps one reply at 48 MB
            org.bson.Document piece = mongo.getCollection(PIECES).find(new org.bson.Document("_id", id)).first();
            if (piece == null) {
                throw new IllegalStateException("plan of command " + commandId + " lacks its piece " + id);
            }
            pieces.add(new PlanChunks.Piece(piece.getList("invoices", org.bson.Document.class).stream()
                    .map(RawDocuments::invoice).toList(), piece.getList("skipped", org.bson.Document.class).stream()
                    .map(d -> new SkippedBooking(d.getString("bookingId"), d.getString("reason"),
                            d.getString("kind") == null ? null : SkippedBooking.Kind.valueOf(d.getString("kind"))))
                    .toList()));
        }
        return Optional.of(PlanChunks.merge(commandId, pieces, header.createdAt()));
    }

    /** Stores the plan, or returns the plan another attempt of the same command stored first. */
    public InvoicePlan saveOrGetExisting(InvoicePlan plan) {
        String attempt = plan.id() + "#" + UUID.randomUUID();
        List<PlanChunks.Piece> pieces = PlanChunks.split(plan, maxLinesPerPiece);
        List<org.bson.Document> documents = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            documents.add(new org.bson.Document("_id", pieceId(attempt, i)).append("commandId", plan.id())
                    .append("invoices", pieces.get(i).invoices().stream().map(raw::invoice).toList())
                    .append("skipped", pieces.get(i).skipped().stream().map(k -> new org.bson.Document("bookingId",
                            k.bookingId()).append("reason", k.reason()).append("kind", k.kind().name())).toList()));
        }
        if (!documents.isEmpty()) {
            mongo.getCollection(PIECES).insertMany(documents, new InsertManyOptions().ordered(false));
        }
        try {
            mongo.insert(new PlanHeader(plan.id(), attempt, documents.size(), plan.createdAt()));
            return plan;
        } catch (DuplicateKeyException raced) {
            return find(plan.id()).orElseThrow();
        }
    }

    private static String pieceId(String attempt, int index) {
        return attempt + "#" + index;
    }
}
