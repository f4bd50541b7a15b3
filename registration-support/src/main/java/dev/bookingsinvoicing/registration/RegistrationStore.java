package dev.bookingsinvoicing.registration;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import dev.bookingsinvoicing.service.registration.NumberCounter;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * What a registration service keeps in MongoDB, as far as the kernel reads and writes it: the registered records
 * (customers, items: {@code _id} = their number), one state per Bookings record ({@code _id} = its reference) and the
 * number series' counter. A service's subclass adds its own collections and writes its records. Every write is keyed
 * by {@code _id} (insert, upsert or findAndModify), because that is what is atomic and fast everywhere, the embedded
 * server included, and needs no transaction.
 *
 * @param <R> a registered record as read
 * @param <V> what a state keeps of the Bookings record's values
 * @param <O> the service's outcomes
 */
public abstract class RegistrationStore<R, V, O extends Outcome> {

    public static final String NUMBER_SERIES = "number_series";

    /**
     * Where the kernel's part lives: the records' collection (also the id of their number series' counter) and the
     * field that holds their Bookings business; the states' collection and its fields for the record's own id and the
     * number it is linked to.
     */
    public record Layout(String records, String businessField, String states, String sourceIdField,
            String numberField) {
    }

    protected final MongoTemplate mongo;
    private final Layout layout;
    private final Function<Document, R> reader;
    private final OutcomeDocuments<O> outcomes;
    private final NumberCounter numbers;

    protected RegistrationStore(MongoTemplate mongo, Layout layout, Function<Document, R> reader,
            OutcomeDocuments<O> outcomes) {
        this.mongo = mongo;
        this.layout = layout;
        this.reader = reader;
        this.outcomes = outcomes;
        this.numbers = new NumberCounter(mongo, NUMBER_SERIES, layout.records());
        // what a real MongoDB needs for the dashboard and template-usage queries (the embedded server ignores them)
        mongo.indexOps(layout.records()).createIndex(new Index().on("templateCode", Sort.Direction.ASC));
        mongo.indexOps(layout.records()).createIndex(new Index().on(layout.businessField(), Sort.Direction.ASC));
    }

    /** Writes what the state keeps of the Bookings record's values beside the kernel's fields. */
    protected abstract void writeValues(V values, Update state);

    protected abstract V readValues(Document state);

    public Optional<SourceState<V, O>> state(String reference) {
        Document d = mongo.findById(reference, Document.class, layout.states());
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new SourceState<>(new Discovery(d.getString("appliedEventId"),
                d.getDate("appliedOccurredAt").toInstant()), d.getString(layout.numberField()), readValues(d),
                outcomes.fromDocument(d.get("lastEvent", Document.class), d.getString("businessId"),
                        d.getString(layout.sourceIdField()))));
    }

    /**
     * Records what was done with the Bookings record, in one write: the discovery applied, the number it is linked to,
     * the values kept and the event published. Written last, so that a crash before it repeats the same work.
     */
    public void saveState(BookingsRecord source, Discovery applied, String number, V values, O lastEvent) {
        Update update = new Update()
                .set("businessId", source.businessId())
                .set(layout.sourceIdField(), source.sourceId())
                .set(layout.numberField(), number)
                .set("appliedEventId", applied.eventId())
                .set("appliedOccurredAt", Date.from(applied.occurredAt()));
        writeValues(values, update);
        update.set("lastEvent", outcomes.toDocument(lastEvent));
        mongo.upsert(Query.query(Criteria.where("_id").is(source.reference())), update, layout.states());
    }

    /** The next number of the series, formatted (see {@link NumberCounter#nextNumber}). */
    public String nextNumber(NumberSeries series) {
        return numbers.nextNumber(series);
    }

    /** The last value handed out by the series (0 before the first). */
    public long lastNumber() {
        return numbers.last();
    }

    /** The registered record with this number. */
    public Optional<R> find(String number) {
        return Optional.ofNullable(mongo.findById(number, Document.class, layout.records())).map(reader);
    }

    /** A page of records in number order, optionally only those that came from one Bookings business. */
    public List<R> page(String businessId, int page, int size) {
        Query query = byBusiness(businessId).with(Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, Document.class, layout.records()).stream().map(reader).toList();
    }

    public long count(String businessId) {
        return businessId == null ? mongo.estimatedCount(layout.records())
                : mongo.count(byBusiness(businessId), layout.records());
    }

    /** Whether any record was created from the template (a full scan on the embedded server; templates are few). */
    public boolean templateInUse(String templateCode) {
        return mongo.exists(Query.query(Criteria.where("templateCode").is(templateCode)), layout.records());
    }

    private Query byBusiness(String businessId) {
        return businessId == null ? new Query() : Query.query(Criteria.where(layout.businessField()).is(businessId));
    }
}
