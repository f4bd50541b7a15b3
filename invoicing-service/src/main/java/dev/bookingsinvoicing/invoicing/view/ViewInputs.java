package dev.bookingsinvoicing.invoicing.view;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A counter ({@code view_inputs}, one document) that every writer of what classifies or removes a row raises after
 * its write and before it looks for the rows it affects: registrations, associations, price overrides and claims.
 * The projection reads it before it classifies a batch and again after it wrote the batch's rows and their
 * customers' {@link CustomerTotals} (whose row lists are how a registration finds its rows):
 * if it has not moved, no such write can have slipped between the projection's reads and its writes, since a writer
 * that raises it later looks for rows only after they were written. Only then may the projection skip re-reading
 * everything it classified with ({@link BookingsNotInvoicedProjection}). The collection also holds the view's other
 * bookkeeping: {@link CustomerTotals}' mark that its totals were kept from the first row on.
 */
@Component
public class ViewInputs {

    static final String COLLECTION = "view_inputs";
    private static final String ID = "version";

    private final MongoTemplate mongo;

    public ViewInputs(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The counter now (0 before the first change). */
    public long version() {
        Document d = mongo.getCollection(COLLECTION).find(new Document("_id", ID)).first();
        return d == null ? 0 : ((Number) d.get("n")).longValue();
    }

    /** Raises the counter: call after writing an input of the view, before reading the rows it affects. */
    public void changed() {
        mongo.upsert(query(where("_id").is(ID)), new Update().inc("n", 1L), COLLECTION);
    }
}
