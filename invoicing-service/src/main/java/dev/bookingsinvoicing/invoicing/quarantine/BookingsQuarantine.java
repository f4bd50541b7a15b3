package dev.bookingsinvoicing.invoicing.quarantine;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * The Bookings records the sync could not use, as told by {@code bookings.quarantine}: one document per record in
 * {@value #COLLECTION} ({@code _id} = the record's key, {@code {businessId}/{kind}/{recordId}}).
 *
 * <p>Events may come twice or out of order (a re-delivery, a replay, two instances around a rebalance), so an event
 * is applied only when it is newer ({@code occurredAt}) than what the document holds: an older quarantine never
 * overwrites a newer reason. A release leaves a released marker with its time instead of removing the document, so
 * that a quarantine older than the release, arriving after it, cannot bring the record back. At the same instant a
 * release wins over a quarantine; otherwise the event already applied stays. Every write is conditional on the
 * document it was decided from, so two writers of one key cannot lose the newer event.
 *
 * <p>The collection is small (a few records per business that need a person's attention), so the list scans it:
 * the embedded MongoDB server has no index but {@code _id}, and a real one needs none here.
 */
@Component
public class BookingsQuarantine {

    public static final String COLLECTION = "bookings_quarantine";

    private final MongoTemplate mongo;

    public BookingsQuarantine(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The sync could not use {@code record} (first, or with a new reason), as of {@code occurredAt}. */
    public void quarantined(QuarantinedRecord record, Instant occurredAt) {
        apply(new Entry(key(record.businessId(), record.kind(), record.recordId()), record.businessId(),
                record.kind(), record.recordId(), record.reason(), record.firstSeenAt(), occurredAt, false));
    }

    /** The record was read after all, or is gone from Bookings, as of {@code occurredAt}. */
    public void released(String businessId, String kind, String recordId, Instant occurredAt) {
        apply(new Entry(key(businessId, kind, recordId), businessId, kind, recordId, null, null, occurredAt, true));
    }

    /** The quarantined records of the user's businesses, ordered by business, kind and record id. */
    public List<QuarantinedRecord> list(BusinessAccess access) {
        Query quarantined = Query.query(access.rows(where("released").is(false)))
                .with(Sort.by("businessId", "kind", "recordId"));
        return mongo.find(quarantined, Entry.class).stream().map(Entry::record).toList();
    }

    private void apply(Entry next) {
        while (true) {
            Entry stored = mongo.findById(next.id(), Entry.class);
            if (!supersedes(next, stored)) {
                return;
            }
            if (stored == null) {
                try {
                    mongo.insert(next);
                    return;
                } catch (DuplicateKeyException concurrentFirstEvent) {
                    continue;
                }
            }
            Query unchanged = Query.query(where("_id").is(stored.id()).and("occurredAt").is(stored.occurredAt())
                    .and("released").is(stored.released()));
            if (mongo.findAndReplace(unchanged, next) != null) {
                return;
            }
            // another writer changed the document since it was read: decide again against what it wrote
        }
    }

    /** Whether {@code next} replaces what is stored (nothing yet: it does). */
    static boolean supersedes(Entry next, Entry stored) {
        if (stored == null) {
            return true;
        }
        int order = next.occurredAt().compareTo(stored.occurredAt());
        return order > 0 || (order == 0 && next.released() && !stored.released());
    }

    private static String key(String businessId, String kind, String recordId) {
        return Keys.quarantined(businessId, kind.toLowerCase(Locale.ROOT), recordId);
    }

    /**
     * The stored state of one key: quarantined with its reason, or a released marker (reason and firstSeenAt null)
     * that keeps the release's time; {@code occurredAt} is the time of the event applied last.
     */
    @Document(COLLECTION)
    record Entry(@Id String id, String businessId, String kind, String recordId, String reason, Instant firstSeenAt,
            Instant occurredAt, boolean released) {

        QuarantinedRecord record() {
            return new QuarantinedRecord(businessId, kind, recordId, reason, firstSeenAt);
        }
    }
}
