package dev.bookingsinvoicing.invoicing.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;

import dev.bookingsinvoicing.invoicing.IdBatches;
import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingRow;

/**
 * Claims ({@code booking_claims}, {@code _id} = booking id) and view rows read in {@code _id} batches, for the
 * commands other than InvoiceBookings.
 */
@Component
public class BookingClaims {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    public BookingClaims(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Inserts the claims in one unordered insertMany and returns those that another command holds (by booking id);
     * a duplicate held by {@code commandId} itself (an earlier, crashed attempt) counts as ours.
     */
    public Map<String, BookingClaim> claim(String commandId, List<Document> claims) {
        if (claims.isEmpty()) {
            return Map.of();
        }
        List<String> duplicates = new ArrayList<>();
        try {
            mongo.getCollection(BookingClaim.COLLECTION).insertMany(claims, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(claims.get(error.getIndex()).getString("_id"));
            }
        }
        Map<String, BookingClaim> lost = new LinkedHashMap<>();
        claimsOf(duplicates).values().stream().filter(c -> !commandId.equals(c.commandId()))
                .forEach(c -> lost.put(c.id(), c));
        return lost;
    }

    public Map<String, BookingClaim> claimsOf(Collection<String> bookingIds) {
        Map<String, BookingClaim> claims = new LinkedHashMap<>();
        find(bookingIds, BookingClaim.class).forEach(c -> claims.put(c.id(), c));
        return claims;
    }

    public Map<String, BookingRow> rowsOf(Collection<String> bookingIds) {
        Map<String, BookingRow> rows = new LinkedHashMap<>();
        find(bookingIds, BookingRow.class).forEach(r -> rows.put(r.id(), r));
        return rows;
    }

    /**
     * Removes the claims of these bookings that name {@code invoiceId}, and only those: a booking released earlier
     * and claimed since by another command keeps its new claim, whoever runs this and however often.
     */
    public void release(String invoiceId, Collection<String> bookingIds) {
        for (List<String> batch : IdBatches.of(bookingIds)) {
            mongo.getCollection(BookingClaim.COLLECTION).deleteMany(new Document("_id", new Document("$in", batch))
                    .append("invoiceId", invoiceId));
        }
    }

    public void removeRows(Collection<String> bookingIds) {
        for (List<String> batch : IdBatches.of(bookingIds)) {
            mongo.getCollection(BookingRow.COLLECTION).deleteMany(new Document("_id", new Document("$in", batch)));
        }
    }

    private <T> List<T> find(Collection<String> ids, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (List<String> batch : IdBatches.of(ids)) {
            found.addAll(mongo.find(query(where("_id").in(batch)), type));
        }
        return found;
    }
}
