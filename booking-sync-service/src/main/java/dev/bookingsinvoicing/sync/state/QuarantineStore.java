package dev.bookingsinvoicing.sync.state;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

import dev.bookingsinvoicing.sync.domain.Quarantine;
import dev.bookingsinvoicing.sync.domain.Quarantine.Entry;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;

/**
 * The quarantined Bookings records, in the {@value #COLLECTION} collection ({@code _id} = the record's key on
 * {@code bookings.quarantine}). Written after the run's quarantine events were acknowledged by Kafka, so a crash in
 * between announces again at worst (with the same event ids) and never forgets a record.
 */
@Component
public class QuarantineStore {

    static final String COLLECTION = "sync_quarantine";

    @Document(COLLECTION)
    record QuarantinedRecord(@Id String id, String businessId, String kind, String recordId, String reason,
            Instant firstSeenAt, Instant lastSeenAt, int attempts, Instant windowStart) {

        Entry entry() {
            return new Entry(businessId, Kind.valueOf(kind), recordId, reason, firstSeenAt, lastSeenAt, attempts,
                    windowStart);
        }

        static QuarantinedRecord of(Entry e) {
            return new QuarantinedRecord(e.key(), e.businessId(), e.kind().name(), e.recordId(), e.reason(),
                    e.firstSeenAt(), e.lastSeenAt(), e.attempts(), e.windowStart());
        }
    }

    private final MongoTemplate mongo;
    private volatile boolean indexed;

    public QuarantineStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One business's entries, by key. */
    public Map<String, Entry> load(String businessId) {
        ensureIndexes();
        return mongo.find(Query.query(Criteria.where("businessId").is(businessId)), QuarantinedRecord.class).stream()
                .map(QuarantinedRecord::entry).collect(Collectors.toMap(Entry::key, Function.identity()));
    }

    /** Every entry, ordered by business, kind and record id. */
    public List<Entry> all() {
        return mongo.findAll(QuarantinedRecord.class).stream().map(QuarantinedRecord::entry)
                .sorted(Comparator.comparing(Entry::businessId).thenComparing(Entry::kind)
                        .thenComparing(Entry::recordId))
                .toList();
    }

    /** Stores a run's changes: one bulk write of upserts and deletes by {@code _id}. */
    public void apply(Quarantine.Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, QuarantinedRecord.class);
        for (Entry e : changes.entries()) {
            bulk.replaceOne(Query.query(Criteria.where("_id").is(e.key())), QuarantinedRecord.of(e),
                    FindAndReplaceOptions.options().upsert());
        }
        for (Quarantine.Release r : changes.releases()) {
            bulk.remove(Query.query(Criteria.where("_id").is(r.entry().key())));
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
