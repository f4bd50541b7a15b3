package dev.bookingsinvoicing.invoicing.view;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.IdBatches;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * Keeps "Bookings Not Invoiced" up to date from events, in any arrival order. Events come in batches (one poll of
 * the view's listener): each step of a batch is one {@code _id $in} read or one bulk write, so a batch of 500
 * appointments costs about as many round trips as one appointment did. Every look-up is by {@code _id} (the only
 * index the embedded server has): a customer registration finds its rows through {@link CustomerBookings}; an item
 * registration (a few per business, rarely) scans the view once per batch, which real MongoDB serves from the
 * by_service index declared on {@link BookingRow}.
 *
 * <p>A booking that has been claimed by an invoicing command ({@link BookingClaim}) is never written again: a
 * later revision or a re-delivered appointment cannot bring an invoiced booking back into the view.
 */
@Component
public class BookingsNotInvoicedProjection {

    private final MongoTemplate mongo;
    private final BookingRows rules;

    public BookingsNotInvoicedProjection(MongoTemplate mongo, BookingRows rules) {
        this.mongo = mongo;
        this.rules = rules;
    }

    /**
     * Completed appointments, new or new revisions, in log order: the rows of each replace its previous ones. An
     * appointment present twice is applied once, as its newest revision (what applying them in order would leave).
     * Its state, which makes a re-delivery a no-op, is saved last: a batch that failed halfway (MongoDB went away)
     * is applied again in full when retried, not skipped with its rows unknown to their customers.
     */
    public void onCompleted(List<Appointment> appointments) {
        Map<String, Appointment> newest = new LinkedHashMap<>();
        for (Appointment appointment : appointments) {
            newest.merge(Keys.appointment(appointment.businessId(), appointment.appointmentId()), appointment,
                    (kept, next) -> next.occurredAt().isBefore(kept.occurredAt()) ? kept : next);
        }
        Map<String, AppointmentState> previous = byId(findByIds(newest.keySet(), AppointmentState.class),
                AppointmentState::id);
        List<BookingRow> bare = new ArrayList<>();
        Set<String> newIds = new HashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        List<AppointmentState> states = new ArrayList<>();
        newest.forEach((key, appointment) -> {
            AppointmentState before = previous.get(key);
            if (before != null && isStaleOrSeen(before, appointment.occurredAt(), appointment.revision())) {
                return;
            }
            List<BookingRow> rows = rules.bareRowsOf(appointment);
            List<String> ids = rows.stream().map(BookingRow::id).toList();
            bare.addAll(rows);
            newIds.addAll(ids);
            touched.addAll(ids);
            if (before != null) {
                touched.addAll(before.bookingIds());
            }
            states.add(new AppointmentState(key, appointment.revision(), appointment.occurredAt(), false, ids,
                    appointment));
        });
        if (states.isEmpty()) {
            return;
        }
        List<BookingRow> rows = classifyAll(bare);
        Set<String> claimed = claimedAmong(touched);

        List<BookingRow> toWrite = rows.stream().filter(r -> !claimed.contains(r.id())).toList();
        replace(toWrite, true);
        Set<String> gone = new HashSet<>(touched);
        gone.removeAll(newIds);
        gone.removeAll(claimed);
        deleteRows(gone);
        rememberCustomersOf(toWrite);
        removeRowsClaimedMeanwhile(toWrite);
        settle(toWrite);
        saveAll(states, AppointmentState.class, AppointmentState::id);
    }

    /** The appointment disappeared from Bookings: its rows leave the view, unless already invoiced. */
    public void onCancelled(String businessId, String appointmentId, Instant occurredAt) {
        String key = Keys.appointment(businessId, appointmentId);
        AppointmentState previous = mongo.findById(key, AppointmentState.class);
        if (previous != null && (previous.cancelled() || occurredAt.isBefore(previous.occurredAt()))) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (previous != null) {
            ids.addAll(previous.bookingIds());
        } else {
            // rows are written before their state: after a crash in between, only a scan finds them (rare)
            mongo.find(query(where("businessId").is(businessId).and("appointmentId").is(appointmentId)),
                    BookingRow.class).forEach(r -> ids.add(r.id()));
        }
        ids.removeAll(claimedAmong(ids));
        deleteRows(ids);
        // the appointment is kept: a booking invoiced before the cancellation stays on its draft invoice (the
        // cancellation never un-invoices); if that draft is deleted, the booking does not come back (see restore)
        mongo.save(new AppointmentState(key, previous == null ? null : previous.revision(), occurredAt, true,
                List.of(), previous == null ? null : previous.appointment()));
    }

    /**
     * Customer registrations, updates or rejections, in log order: the rows of those Bookings customers are
     * recomputed. A registration (not a rejection) also makes its customer no. known, so that AssociateCustomer
     * can link to it.
     */
    public void onCustomers(List<CustomerRegistration> registrations) {
        List<KnownCustomer> known = registrations.stream().filter(CustomerRegistration::registered)
                .map(r -> new KnownCustomer(r.customerNo(), r.name(), r.occurredAt(), r.posting())).toList();
        saveAll(known, KnownCustomer.class, KnownCustomer::id);
        List<CustomerRegistration> fresh = newerThanStored(registrations, CustomerRegistration.class,
                CustomerRegistration::id, CustomerRegistration::occurredAt);
        if (fresh.isEmpty()) {
            return;
        }
        saveAll(fresh, CustomerRegistration.class, CustomerRegistration::id);
        List<String> bookingIds = new ArrayList<>();
        findByIds(fresh.stream().map(CustomerRegistration::id).toList(), CustomerBookings.class)
                .forEach(c -> bookingIds.addAll(c.bookingIds()));
        settle(findByIds(bookingIds, BookingRow.class));
    }

    /** Item registrations, updates or rejections, in log order: the rows of those Bookings services are recomputed. */
    public void onItems(List<ItemRegistration> registrations) {
        List<ItemRegistration> fresh = newerThanStored(registrations, ItemRegistration.class, ItemRegistration::id,
                ItemRegistration::occurredAt);
        if (fresh.isEmpty()) {
            return;
        }
        saveAll(fresh, ItemRegistration.class, ItemRegistration::id);
        Set<String> services = fresh.stream().map(ItemRegistration::id).collect(Collectors.toSet());
        List<BookingRow> rows = mongo.find(query(where("serviceId").in(fresh.stream().map(ItemRegistration::serviceId)
                .distinct().toList())), BookingRow.class).stream()
                .filter(r -> services.contains(Keys.service(r.businessId(), r.serviceId()))).toList();
        settle(rows);
    }

    /**
     * Reclassifies rows against the registrations stored now, and writes those that change, until nothing
     * changes. Each registration is saved before its handler looks for rows, and each row is re-checked after it
     * is written; so whichever handler writes a row last has read every registration saved before, and the row
     * ends up right even when appointments and registrations are applied concurrently by different instances.
     * Recomputations only replace existing rows: a row that was invoiced (deleted) meanwhile is not recreated.
     */
    private void settle(List<BookingRow> rows) {
        List<BookingRow> current = rows;
        for (int round = 0; round < 5 && !current.isEmpty(); round++) {
            List<BookingRow> again = classifyAll(current);
            List<BookingRow> changed = new ArrayList<>();
            for (int i = 0; i < current.size(); i++) {
                if (!again.get(i).equals(current.get(i))) {
                    changed.add(again.get(i));
                }
            }
            replace(changed, false);
            current = changed;
        }
    }

    /**
     * Brings bookings back into the view (a deleted draft invoice, a rolled-back mark), rebuilt from the stored
     * appointment and today's registrations. Not brought back: bookings still claimed (by another invoice or a mark:
     * checked again after writing, like every write of this class), bookings of a cancelled appointment, and
     * bookings no longer on their appointment. Idempotent: restoring twice writes the same rows.
     *
     * @return the bookings that are in the view afterwards
     */
    public List<String> restore(Collection<String> bookingIds) {
        Map<String, List<String>> byAppointment = new LinkedHashMap<>();
        for (String id : bookingIds) {
            int first = id.indexOf('/');
            int last = id.lastIndexOf('/');
            if (first < 0 || last <= first) {
                continue;
            }
            // Keys.booking = business/appointment/customer; business (a mailbox) and customer (a GUID) hold no '/'
            byAppointment.computeIfAbsent(Keys.appointment(id.substring(0, first), id.substring(first + 1, last)),
                    k -> new ArrayList<>()).add(id);
        }
        if (byAppointment.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(bookingIds);
        Set<String> claimed = claimedAmong(bookingIds);
        List<BookingRow> bare = new ArrayList<>();
        for (AppointmentState state : findByIds(byAppointment.keySet(), AppointmentState.class)) {
            if (state.cancelled() || state.appointment() == null) {
                continue;
            }
            rules.bareRowsOf(state.appointment()).stream()
                    .filter(r -> wanted.contains(r.id()) && !claimed.contains(r.id())).forEach(bare::add);
        }
        List<BookingRow> rows = classifyAll(bare);
        replace(rows, true);
        removeRowsClaimedMeanwhile(rows);
        settle(rows);
        List<String> back = new ArrayList<>();
        findByIds(rows.stream().map(BookingRow::id).toList(), BookingRow.class).forEach(r -> back.add(r.id()));
        return back;
    }

    /** Recomputes the given rows of the view (a price was set, a customer associated) and returns them as now. */
    public List<BookingRow> recompute(Collection<String> bookingIds) {
        List<BookingRow> rows = findByIds(bookingIds, BookingRow.class);
        settle(rows);
        return findByIds(bookingIds, BookingRow.class);
    }

    /** The rows of one Bookings customer now in the view. */
    public List<BookingRow> rowsOfCustomer(String businessId, String bookingsCustomerId) {
        CustomerBookings bookings = mongo.findById(Keys.customer(businessId, bookingsCustomerId),
                CustomerBookings.class);
        return bookings == null ? List.of() : findByIds(bookings.bookingIds(), BookingRow.class);
    }

    /**
     * The rows with everything known now: registrations, associations, items and price overrides, each read in
     * {@code _id} batches. Same order as given.
     */
    private List<BookingRow> classifyAll(List<BookingRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> customerKeys = rows.stream().map(r -> Keys.customer(r.businessId(), r.bookingsCustomerId()))
                .distinct().toList();
        Map<String, CustomerRegistration> customers = byId(findByIds(customerKeys, CustomerRegistration.class),
                CustomerRegistration::id);
        Map<String, CustomerAssociation> associations = byId(findByIds(customerKeys, CustomerAssociation.class),
                CustomerAssociation::id);
        Map<String, ItemRegistration> items = byId(findByIds(rows.stream()
                .map(r -> Keys.service(r.businessId(), r.serviceId())).distinct().toList(), ItemRegistration.class),
                ItemRegistration::id);
        Map<String, PriceOverride> overrides = byId(findByIds(rows.stream().map(BookingRow::id).toList(),
                PriceOverride.class), PriceOverride::id);
        List<BookingRow> classified = new ArrayList<>(rows.size());
        for (BookingRow row : rows) {
            String customerKey = Keys.customer(row.businessId(), row.bookingsCustomerId());
            classified.add(rules.classify(row, customers.get(customerKey), associations.get(customerKey),
                    items.get(Keys.service(row.businessId(), row.serviceId())), overrides.get(row.id())));
        }
        return classified;
    }

    private <T> List<T> findByIds(Collection<String> ids, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (List<String> batch : IdBatches.of(ids)) {
            found.addAll(mongo.find(query(where("_id").in(batch)), type));
        }
        return found;
    }

    /**
     * The registrations to apply: per key the newest of the batch (the later one on a tie, as in log order), unless
     * the stored one is newer. A re-delivery is applied again (same document, same rows): the attempt that saved it
     * may have failed before it settled the rows.
     */
    private <T> List<T> newerThanStored(List<T> registrations, Class<T> type, Function<T, String> id,
            Function<T, Instant> occurredAt) {
        Map<String, T> newest = new LinkedHashMap<>();
        for (T registration : registrations) {
            newest.merge(id.apply(registration), registration,
                    (kept, next) -> occurredAt.apply(next).isBefore(occurredAt.apply(kept)) ? kept : next);
        }
        Map<String, T> stored = byId(findByIds(newest.keySet(), type), id);
        return newest.values().stream().filter(r -> {
            T previous = stored.get(id.apply(r));
            return previous == null || !occurredAt.apply(r).isBefore(occurredAt.apply(previous));
        }).toList();
    }

    /**
     * Adds the rows' ids to their customers' {@link CustomerBookings}. Written after the rows and before
     * {@link #settle}: a registration saved before our settle is seen by it, one saved after finds these ids.
     */
    private void rememberCustomersOf(List<BookingRow> rows) {
        Map<String, List<String>> byCustomer = new LinkedHashMap<>();
        for (BookingRow row : rows) {
            byCustomer.computeIfAbsent(Keys.customer(row.businessId(), row.bookingsCustomerId()),
                    k -> new ArrayList<>()).add(row.id());
        }
        if (byCustomer.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CustomerBookings.class);
        byCustomer.forEach((customer, ids) -> bulk.upsert(query(where("_id").is(customer)),
                new Update().addToSet("bookingIds").each(ids.toArray())));
        bulk.execute();
    }

    /** Upserts documents by {@code _id} in one bulk write. */
    private <T> void saveAll(List<T> documents, Class<T> type, Function<T, String> id) {
        replaceAll(documents, type, id, FindAndReplaceOptions.options().upsert());
    }

    /** Replaces documents by {@code _id} in one bulk write (upserting them or not, as the options say). */
    private <T> void replaceAll(List<T> documents, Class<T> type, Function<T, String> id,
            FindAndReplaceOptions options) {
        if (documents.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
        for (T document : documents) {
            bulk.replaceOne(query(where("_id").is(id.apply(document))), document, options);
        }
        bulk.execute();
    }

    private static boolean isStaleOrSeen(AppointmentState previous, Instant occurredAt, String revision) {
        return occurredAt.isBefore(previous.occurredAt())
                || occurredAt.equals(previous.occurredAt()) && revision.equals(previous.revision());
    }

    private Set<String> claimedAmong(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Set.of();
        }
        Set<String> claimed = new HashSet<>();
        findByIds(bookingIds, BookingClaim.class).forEach(c -> claimed.add(c.id()));
        return claimed;
    }

    /**
     * An invoicing command may have claimed a booking between our claim check and our write; it deletes the row
     * after claiming, but our write could land after that delete. Checking again after writing closes the gap
     * (the claim alone already keeps the booking off a second invoice; this keeps the view honest).
     */
    private void removeRowsClaimedMeanwhile(List<BookingRow> written) {
        deleteRows(claimedAmong(written.stream().map(BookingRow::id).toList()));
    }

    /** Upsert for rows of an appointment; plain replace (never re-creating a deleted row) for recomputations. */
    private void replace(List<BookingRow> rows, boolean upsert) {
        replaceAll(rows, BookingRow.class, BookingRow::id,
                upsert ? FindAndReplaceOptions.options().upsert() : FindAndReplaceOptions.none());
    }

    private void deleteRows(Collection<String> ids) {
        for (List<String> batch : IdBatches.of(ids)) {
            mongo.remove(query(where("_id").in(batch)), BookingRow.class);
        }
    }

    private static <T> Map<String, T> byId(List<T> documents, Function<T, String> id) {
        return documents.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }
}
