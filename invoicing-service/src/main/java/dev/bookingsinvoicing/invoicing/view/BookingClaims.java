package dev.bookingsinvoicing.invoicing.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.BsonValues;
import dev.bookingsinvoicing.invoicing.store.DocumentsById;

/**
 * The one owner of "a booking is on at most one invoice": claims ({@code booking_claims}, {@code _id} = booking id)
 * and the view rows they take out. A claim is an insert whose {@code _id} is the booking id, so two commands cannot
 * both claim one booking in any MongoDB, without transactions (see {@link BookingClaim}). A booking a command holds
 * leaves the view at once; the projection never writes a claimed booking again; only {@link #release} (deleting a
 * draft invoice, or crediting a correction of one of its bookings) removes claims, those naming its invoice, after
 * which the projection restores the rows.
 */
@Component
public class BookingClaims {

    private final DocumentsById documents;
    private final BookingRowStore rows;
    private final ViewInputs inputs;

    public BookingClaims(DocumentsById documents, BookingRowStore rows, ViewInputs inputs) {
        this.documents = documents;
        this.rows = rows;
        this.inputs = inputs;
    }

    /**
     * Claims the bookings for {@code commandId} (unordered inserts in chunks) and takes every booking it now holds out
     * of the view. Returns the claims another command holds, by booking id; a claim that exists for this very command
     * (an earlier, crashed attempt) is ours, so a retry loses exactly the bookings the first attempt lost.
     */
    public Map<String, BookingClaim> claim(String commandId, List<BookingClaim> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        List<Document> inserts = new ArrayList<>(claims.size());
        for (BookingClaim claim : claims) {
            inserts.add(new Document("_id", claim.id()).append("commandId", claim.commandId())
                    .append("invoiceId", claim.invoiceId()).append("claimedAt", BsonValues.date(claim.claimedAt()))
                    .append("markedBy", claim.markedBy()).append("reason", claim.reason()));
        }
        List<String> existing = documents.insertNew(BookingClaim.COLLECTION, inserts);
        inputs.changed();
        Map<String, BookingClaim> lost = new LinkedHashMap<>();
        claimsOf(existing).values().stream().filter(c -> !commandId.equals(c.commandId()))
                .forEach(c -> lost.put(c.id(), c));
        rows.delete(claims.stream().map(BookingClaim::id).filter(id -> !lost.containsKey(id)).toList());
        return lost;
    }

    /** The claims of these bookings that exist, by booking id. */
    public Map<String, BookingClaim> claimsOf(Collection<String> bookingIds) {
        return documents.byId(bookingIds, BookingClaim.class, BookingClaim::id);
    }

    /** Which of these bookings are claimed. */
    public Set<String> claimedAmong(Collection<String> bookingIds) {
        return bookingIds.isEmpty() ? Set.of() : new HashSet<>(claimsOf(bookingIds).keySet());
    }

    /**
     * Removes the claims of these bookings that name {@code invoiceId}, and only those: a booking released earlier
     * and claimed since by another command keeps its new claim, whoever runs this and however often.
     */
    public void release(String invoiceId, Collection<String> bookingIds) {
        documents.deleteAll(BookingClaim.COLLECTION, bookingIds, "invoiceId", invoiceId);
    }

    /**
     * Takes out of the view those of the rows just written whose booking was claimed meanwhile: a command may have
     * claimed one between the writer's claim check and its write (the claim alone already keeps the booking off a
     * second invoice; this keeps the view honest).
     */
    public void removeClaimedMeanwhile(List<BookingRow> written) {
        rows.delete(claimedAmong(written.stream().map(BookingRow::id).toList()));
    }
}
