package dev.bookingsinvoicing.invoicing.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

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

    /** One piece of a plan; {@code _id} = attempt + "#" + index. */
    @Document(PlanPiece.COLLECTION)
    record PlanPiece(@Id String id, String commandId, List<DraftInvoice> invoices, List<SkippedBooking> skipped) {
        static final String COLLECTION = "invoice_plan_pieces";
    }

    private final MongoTemplate mongo;
    private final int maxLinesPerPiece;

    public InvoicePlanStore(MongoTemplate mongo, int maxLinesPerPiece) {
        this.mongo = mongo;
        this.maxLinesPerPiece = maxLinesPerPiece;
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
        Map<String, PlanPiece> byId = new LinkedHashMap<>();
        mongo.find(query(where("_id").in(ids)), PlanPiece.class).forEach(p -> byId.put(p.id(), p));
        List<PlanChunks.Piece> pieces = new ArrayList<>();
        for (String id : ids) {
            PlanPiece piece = byId.get(id);
            if (piece == null) {
                throw new IllegalStateException("plan of command " + commandId + " lacks its piece " + id);
            }
            pieces.add(new PlanChunks.Piece(piece.invoices(), piece.skipped()));
        }
        return Optional.of(PlanChunks.merge(commandId, pieces, header.createdAt()));
    }

    /** Stores the plan, or returns the plan another attempt of the same command stored first. */
    public InvoicePlan saveOrGetExisting(InvoicePlan plan) {
        String attempt = plan.id() + "#" + UUID.randomUUID();
        List<PlanChunks.Piece> pieces = PlanChunks.split(plan, maxLinesPerPiece);
        List<PlanPiece> documents = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            documents.add(new PlanPiece(pieceId(attempt, i), plan.id(), pieces.get(i).invoices(),
                    pieces.get(i).skipped()));
        }
        if (!documents.isEmpty()) {
            mongo.insert(documents, PlanPiece.class);
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
