package dev.bookingsinvoicing.sync.setup;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties;

/**
 * The Booking Sync setups in MongoDB ({@value #COLLECTION}, {@code _id} = business id): seeded from
 * {@code bookings.sync.businesses} (a row that exists is never overwritten by configuration, the API owns it), read
 * at the start of every run, changed over {@code PUT /api/sync/setup/{id}}.
 */
@Component
public class SetupStore {

    private static final Logger log = LoggerFactory.getLogger(SetupStore.class);

    static final String COLLECTION = "booking_sync_setup";

    private final MongoTemplate mongo;

    public SetupStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Inserts the configured businesses that have no setup yet (an {@code _id} insert, so racing instances agree). */
    public void seed(List<BookingSyncProperties.Business> configured) {
        for (BookingSyncProperties.Business b : configured) {
            BookingSyncSetup setup = BookingSyncSetup.create(b.id(), new BookingSyncSetup.Settings(
                    b.displayName() != null ? b.displayName() : b.id(), b.enabled(), b.syncCustomers(),
                    b.customerFilter(), b.customerTemplateCode(), b.syncServices(), b.itemFilter(),
                    b.itemTemplateCode(), b.syncInterval()));
            try {
                mongo.insert(setup);
                log.info("Booking Sync setup seeded from configuration for {}", b.id());
            } catch (DuplicateKeyException alreadyThere) {
                log.debug("Booking Sync setup of {} exists; configuration does not overwrite it", b.id());
            }
        }
    }

    public List<BookingSyncSetup> all() {
        return mongo.findAll(BookingSyncSetup.class).stream().sorted(Comparator.comparing(BookingSyncSetup::id))
                .toList();
    }

    public Optional<BookingSyncSetup> find(String businessId) {
        return Optional.ofNullable(mongo.findById(businessId, BookingSyncSetup.class));
    }

    /** Creates or changes a setup; changes clear last-sync marks as {@link BookingSyncSetup#change} says. */
    public synchronized BookingSyncSetup put(String businessId, BookingSyncSetup.Settings settings, Instant now) {
        BookingSyncSetup next = find(businessId).map(s -> s.change(settings, now))
                .orElseGet(() -> BookingSyncSetup.create(businessId, settings));
        mongo.save(next);
        return next;
    }

    /**
     * Marks a full-window run as owed by clearing the last full sync, the way a filter change clears the last-sync
     * marks: until a full run succeeds ({@link #markSynced}), every run of the business reads the whole window, so a
     * reconciliation asked for over the API is not dropped when Graph fails it or the service stops during it.
     */
    public void requireFullSync(String businessId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(businessId)), new Update().unset("lastFullSync"),
                BookingSyncSetup.class);
    }

    /**
     * Records a fully successful run: the appointment watermark always; the customer/service marks only when the
     * setup was not changed since the run read it (otherwise the change's resync must still happen).
     */
    public void markSynced(BookingSyncSetup readAtStart, Instant asOf, boolean fullWindow) {
        Update update = new Update().set("appointmentWatermark", asOf);
        if (fullWindow) {
            update.set("lastFullSync", asOf);
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(readAtStart.id())), update, BookingSyncSetup.class);
        Update marks = new Update();
        if (readAtStart.syncCustomers()) {
            marks.set("lastCustomerSync", asOf);
        }
        if (readAtStart.syncServices()) {
            marks.set("lastServiceSync", asOf);
        }
        if (!marks.getUpdateObject().isEmpty()) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(readAtStart.id()).and("version")
                    .is(readAtStart.version())), marks, BookingSyncSetup.class);
        }
    }
}
