package dev.bookingsinvoicing.service.registration;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The stored counter of a number series: one document ({@code _id} = the series, {@code last} = the last value
 * handed out) in a service's own collection, drawn from with an atomic, conditional {@code $inc}.
 */
public final class NumberCounter {

    private static final Logger log = LoggerFactory.getLogger(NumberCounter.class);

    private final MongoTemplate mongo;
    private final String collection;
    private final String id;

    public NumberCounter(MongoTemplate mongo, String collection, String id) {
        this.mongo = mongo;
        this.collection = collection;
        this.id = id;
    }

    /**
     * The next number of the series, formatted (C00010). Exactly one draw crosses the series' warning share, on
     * whichever instance, so its warning is logged once.
     *
     * @throws NumberSeriesExhaustedException when the series has no number left
     */
    public String nextNumber(NumberSeries series) {
        long value = next(series);
        if (series.crossesWarning(value)) {
            log.warn(series.warning(value));
        }
        return series.format(value);
    }

    /**
     * The next value of the series: two instances never get the same value, and a value whose use is then lost is a
     * gap, never a duplicate. The $inc only applies while one more number fits, so an exhausted series hands out
     * nothing (retries included) and, once widened, goes on with the very next number.
     *
     * @throws NumberSeriesExhaustedException when the series has no number left
     */
    public long next(NumberSeries series) {
        while (true) {
            Document drawn = mongo.findAndModify(
                    Query.query(Criteria.where("_id").is(id).and("last").lte(series.lastDrawable())),
                    new Update().inc("last", series.step()), FindAndModifyOptions.options().returnNew(true),
                    Document.class, collection);
            if (drawn != null) {
                return ((Number) drawn.get("last")).longValue();
            }
            long last = last();
            if (last > series.lastDrawable()) {
                throw series.exhausted(last);
            }
            if (mongo.findById(id, Document.class, collection) != null) {
                // started by another instance between our draw and this read: draw again
                continue;
            }
            try {
                mongo.insert(new Document("_id", id).append("last", 0L), collection);
            } catch (DuplicateKeyException startedByAnother) {
                // another instance started the counter first: draw from it
            }
        }
    }

    /** The last value handed out (0 before the first). */
    public long last() {
        Document counter = mongo.findById(id, Document.class, collection);
        return counter == null ? 0 : ((Number) counter.get("last")).longValue();
    }
}
