package dev.bookingsinvoicing.sync.state;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.sync.domain.KnownState;
import dev.bookingsinvoicing.sync.domain.Publication;

/**
 * What the sync last published per business and key, in the {@value #COLLECTION} collection ({@code _id} = kind +
 * key). Written only after Kafka acknowledged the event, so a crash republishes at worst and never loses.
 */
@Component
public class SyncStateStore {

    static final String COLLECTION = "sync_state";

    /** One state entry; {@code itemId} is the Bookings id, {@code eventId} the last event published for it. */
    @Document(COLLECTION)
    record SyncState(@Id String id, String businessId, String kind, String itemId, String revision, String eventId,
            Instant appointmentEnd, Instant publishedAt) {
    }

    private final MongoTemplate mongo;
    private volatile boolean indexed;

    public SyncStateStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Everything published so far for one business, by state id. */
    public Map<String, KnownState> load(String businessId) {
        ensureIndexes();
        return mongo.find(Query.query(Criteria.where("businessId").is(businessId)), SyncState.class).stream()
                .map(s -> new KnownState(s.id(), s.itemId(), s.revision(), s.appointmentEnd(), s.publishedAt()))
                .collect(Collectors.toMap(KnownState::stateId, Function.identity()));
    }

    /** Records acknowledged publications: one bulk upsert by {@code _id} (a round trip per record capped the sync). */
    public void saveAll(String businessId, Collection<Publication> acknowledged, Instant now) {
        if (acknowledged.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, SyncState.class);
        for (Publication p : acknowledged) {
            String itemId = Keys.withinBusiness(p.key());
            String eventId = p.event() instanceof AppointmentCancelled c ? c.getEventId()
                    : String.valueOf(p.event().get(p.event().getSchema().getField("eventId").pos()));
            bulk.replaceOne(Query.query(Criteria.where("_id").is(p.stateId())), new SyncState(p.stateId(),
                    businessId, p.kind().name(), itemId, p.revision(), eventId, p.appointmentEnd(), now),
                    FindAndReplaceOptions.options().upsert());
        }
        bulk.execute();
    }

    private void ensureIndexes() {
        if (!indexed) {
            // the per-business load filters on businessId; a real MongoDB needs the index (the embedded one ignores it)
            mongo.indexOps(COLLECTION).createIndex(new Index("businessId", Sort.Direction.ASC));
            indexed = true;
        }
    }
}
