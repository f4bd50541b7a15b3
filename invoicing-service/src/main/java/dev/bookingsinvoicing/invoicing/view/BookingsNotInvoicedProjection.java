package dev.bookingsinvoicing.invoicing.view;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.schemas.Keys;

/**
 * Keeps "Bookings Not Invoiced" up to date from events, in any arrival order. Every write is keyed by
 * {@code _id} (the only index the embedded server has) and batched per event; the only scans are the
 * "rows of this customer / this service" look-ups when a registration arrives, which real MongoDB serves from
 * the indexes declared on {@link BookingRow}.
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

    /** A completed appointment, new or a new revision: its rows replace the previous ones. */
    public void onCompleted(Appointment appointment) {
        String key = Keys.appointment(appointment.businessId(), appointment.appointmentId());
        AppointmentState previous = mongo.findById(key, AppointmentState.class);
        if (previous != null && isStaleOrSeen(previous, appointment.occurredAt(), appointment.revision())) {
            return;
        }
        Map<String, CustomerRegistration> customers = byId(mongo.find(query(where("_id").in(
                appointment.attendees().stream()
                        .map(a -> Keys.customer(appointment.businessId(), a.bookingsCustomerId())).toList())),
                CustomerRegistration.class), CustomerRegistration::id);
        ItemRegistration item = mongo.findById(Keys.service(appointment.businessId(), appointment.serviceId()),
                ItemRegistration.class);
        List<BookingRow> rows = rules.rowsOf(appointment, customers, item);

        Set<String> newIds = rows.stream().map(BookingRow::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> touched = new LinkedHashSet<>(newIds);
        if (previous != null) {
            touched.addAll(previous.bookingIds());
        }
        Set<String> claimed = claimedAmong(touched);

        List<BookingRow> toWrite = rows.stream().filter(r -> !claimed.contains(r.id())).toList();
        replace(toWrite, true);
        Set<String> gone = new HashSet<>(touched);
        gone.removeAll(newIds);
        gone.removeAll(claimed);
        deleteRows(gone);
        mongo.save(new AppointmentState(key, appointment.revision(), appointment.occurredAt(), false,
                List.copyOf(newIds)));
        removeRowsClaimedMeanwhile(toWrite);
        settle(toWrite);
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
        mongo.save(new AppointmentState(key, previous == null ? null : previous.revision(), occurredAt, true,
                List.of()));
    }

    /** A customer registration or rejection: the rows of that Bookings customer are recomputed. */
    public void onCustomer(CustomerRegistration registration) {
        CustomerRegistration previous = mongo.findById(registration.id(), CustomerRegistration.class);
        if (previous != null && (registration.occurredAt().isBefore(previous.occurredAt())
                || registration.eventId().equals(previous.eventId()))) {
            return;
        }
        mongo.save(registration);
        List<BookingRow> rows = mongo.find(query(where("businessId").is(registration.businessId())
                .and("bookingsCustomerId").is(registration.bookingsCustomerId())), BookingRow.class);
        if (rows.isEmpty()) {
            return;
        }
        settle(rows);
    }

    /** An item registration or rejection: the rows of that Bookings service are recomputed. */
    public void onItem(ItemRegistration registration) {
        ItemRegistration previous = mongo.findById(registration.id(), ItemRegistration.class);
        if (previous != null && (registration.occurredAt().isBefore(previous.occurredAt())
                || registration.eventId().equals(previous.eventId()))) {
            return;
        }
        mongo.save(registration);
        List<BookingRow> rows = mongo.find(query(where("businessId").is(registration.businessId())
                .and("serviceId").is(registration.serviceId())), BookingRow.class);
        if (rows.isEmpty()) {
            return;
        }
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
            Map<String, CustomerRegistration> customers = byId(mongo.find(query(where("_id").in(current.stream()
                    .map(r -> Keys.customer(r.businessId(), r.bookingsCustomerId())).distinct().toList())),
                    CustomerRegistration.class), CustomerRegistration::id);
            Map<String, ItemRegistration> items = byId(mongo.find(query(where("_id").in(current.stream()
                    .map(r -> Keys.service(r.businessId(), r.serviceId())).distinct().toList())),
                    ItemRegistration.class), ItemRegistration::id);
            List<BookingRow> changed = new ArrayList<>();
            for (BookingRow row : current) {
                BookingRow again = rules.classify(row, customers.get(Keys.customer(row.businessId(),
                        row.bookingsCustomerId())), items.get(Keys.service(row.businessId(), row.serviceId())));
                if (!again.equals(row)) {
                    changed.add(again);
                }
            }
            replace(changed, false);
            current = changed;
        }
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
        mongo.find(query(where("_id").in(bookingIds)), BookingClaim.class).forEach(c -> claimed.add(c.id()));
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
        if (rows.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BookingRow.class);
        FindAndReplaceOptions options = upsert ? FindAndReplaceOptions.options().upsert() : FindAndReplaceOptions.none();
        for (BookingRow row : rows) {
            bulk.replaceOne(query(where("_id").is(row.id())), row, options);
        }
        bulk.execute();
    }

    private void deleteRows(Collection<String> ids) {
        if (!ids.isEmpty()) {
            mongo.remove(query(where("_id").in(new ArrayList<>(ids))), BookingRow.class);
        }
    }

    private static <T> Map<String, T> byId(List<T> documents, Function<T, String> id) {
        return documents.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }
}
