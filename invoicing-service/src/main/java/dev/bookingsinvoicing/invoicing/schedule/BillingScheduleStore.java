package dev.bookingsinvoicing.invoicing.schedule;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;

/**
 * The billing schedules ({@code billing_schedules}, one per business). Saving a schedule sets what it is and counts
 * its slots from then on, keeping what it last ran; advancing records a slot as run, conditioned on the version it
 * was read at, so that of two instances running the same slot one advances the schedule (the other's command had
 * the same id and changed nothing).
 */
@Component
public class BillingScheduleStore {

    private final MongoTemplate mongo;

    public BillingScheduleStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<BillingSchedule> find(String businessId) {
        return Optional.ofNullable(mongo.findById(businessId, BillingSchedule.class));
    }

    /** Every schedule, by business. */
    public List<BillingSchedule> all() {
        return mongo.find(new Query().with(Sort.by("_id")), BillingSchedule.class);
    }

    /** The schedules of the businesses {@code visible} accepts, as shown at {@code now}. */
    public List<ScheduleView> views(Predicate<String> visible, Instant now) {
        return all().stream().filter(s -> visible.test(s.businessId())).map(s -> ScheduleView.of(s, now)).toList();
    }

    List<BillingSchedule> enabled() {
        return mongo.find(query(where("enabled").is(true)).with(Sort.by("_id")), BillingSchedule.class);
    }

    /** Creates or changes a business's schedule; its slots count from {@code at}. */
    public BillingSchedule save(String businessId, String cron, String timeZone, ScheduleScope scope,
            InvoiceGrouping grouping, boolean enabled, Instant at, String by) {
        Update update = new Update().set("cron", cron).set("timeZone", timeZone).set("scope", scope)
                .set("grouping", grouping).set("enabled", enabled).set("countsFrom", Date.from(at))
                .set("updatedAt", Date.from(at)).set("updatedBy", by).setOnInsert("lastSkippedCount", 0L)
                .inc("version", 1);
        return mongo.findAndModify(query(where("_id").is(businessId)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), BillingSchedule.class);
    }

    public boolean delete(String businessId) {
        return mongo.remove(query(where("_id").is(businessId)), BillingSchedule.class).getDeletedCount() > 0;
    }

    /** Records the run's slot as sent, unless the schedule changed since it was read; whether it did. */
    boolean advance(ScheduledRun run) {
        BillingSchedule read = run.schedule();
        Update update = new Update().set("lastSlot", Date.from(run.due().slot())).set("lastCommandId", run.commandId())
                .set("lastSkipped", run.due().skipped().stream().map(Date::from).toList())
                .set("lastSkippedCount", run.due().skippedCount()).inc("version", 1);
        return mongo.updateFirst(query(where("_id").is(read.businessId()).and("version").is(read.version())), update,
                BillingSchedule.class).getModifiedCount() == 1;
    }
}
