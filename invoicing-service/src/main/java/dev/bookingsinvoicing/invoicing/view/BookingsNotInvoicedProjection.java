package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * Keeps "Bookings Not Invoiced" up to date from events, in any arrival order. Events come in batches (one poll of
 * the view's listener): each step of a batch is one {@code _id $in} read or one bulk write, so a batch of 500
 * appointments costs about as many round trips as one appointment did. Every look-up is by {@code _id}: a customer
 * registration finds its rows through the ids its {@link CustomerTotals} list ({@link BookingRowStore#ofCustomers});
 * an item registration (a few per business, rarely) reads its service's rows ({@link BookingRowStore#ofServices}).
 *
 * <p>A booking that has been claimed by an invoicing command ({@link BookingClaims}) is never written again: a
 * later revision or a re-delivered appointment cannot bring an invoiced booking back into the view; a new revision or a
 * cancellation of a booking on a draft invoice goes to the {@link InvoicedBookingWatcher} instead (corrections), before
 * the appointment's state is saved. Commands reach
 * the view in-process: a claim takes the rows out, {@link #restore} brings released ones back,
 * {@link #overridePrices} and {@link #associate} apply a price or an association.
 */
@Component
public class BookingsNotInvoicedProjection {

    private final DocumentsById documents;
    private final BookingRowStore rows;
    private final AppointmentStates states;
    private final BookingClaims claims;
    private final BookingRows rules;
    private final InvoicedBookingWatcher invoiced;
    private final ViewInputs inputs;

    public BookingsNotInvoicedProjection(DocumentsById documents, BookingRowStore rows, AppointmentStates states,
            BookingClaims claims, BookingRows rules, ViewInputs inputs) {
        this(documents, rows, states, claims, rules, InvoicedBookingWatcher.NONE, inputs);
    }

    /** @param invoiced told when an event touches bookings that are on a draft invoice (corrections) */
    @Autowired
    public BookingsNotInvoicedProjection(DocumentsById documents, BookingRowStore rows, AppointmentStates states,
            BookingClaims claims, BookingRows rules, InvoicedBookingWatcher invoiced, ViewInputs inputs) {
        this.documents = documents;
        this.rows = rows;
        this.states = states;
        this.claims = claims;
        this.rules = rules;
        this.invoiced = invoiced;
        this.inputs = inputs;
    }

    /**
     * Completed appointments, new or new revisions, in log order: the rows of each replace its previous ones. An
     * appointment present twice is applied once, as its newest revision (what applying them in order would leave).
     * Its state, which makes a re-delivery a no-op, is saved last: a batch that failed halfway (MongoDB went away)
     * is applied again in full when retried, not skipped with its rows unknown to their customers. The rows are
     * re-checked against claims and registrations after they are written only if {@link ViewInputs} moved meanwhile.
     */
    public void onCompleted(List<Appointment> appointments) {
        long inputsBefore = inputs.version();
        Map<String, Appointment> newest = new LinkedHashMap<>();
        for (Appointment appointment : appointments) {
            newest.merge(Keys.appointment(appointment.businessId(), appointment.appointmentId()), appointment,
                    (kept, next) -> next.occurredAt().isBefore(kept.occurredAt()) ? kept : next);
        }
        Map<String, AppointmentState> previous = states.withoutAppointment(newest.keySet());
        List<BookingRow> bare = new ArrayList<>();
        Set<String> newIds = new HashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        Map<String, Instant> occurredAt = new HashMap<>();
        List<AppointmentState> applied = new ArrayList<>();
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
                before.bookingIds().forEach(id -> occurredAt.put(id, appointment.occurredAt()));
            }
            ids.forEach(id -> occurredAt.put(id, appointment.occurredAt()));
            applied.add(new AppointmentState(key, appointment.revision(), appointment.occurredAt(), false, ids,
                    appointment));
        });
        if (applied.isEmpty()) {
            return;
        }
        Map<String, BookingClaim> claimOf = claims.claimsOf(touched);
        Set<String> claimed = claimOf.keySet();

        List<BookingRow> classified = classifyAll(bare);
        List<BookingRow> toWrite = classified.stream().filter(r -> !claimed.contains(r.id())).toList();
        rows.upsert(toWrite);
        Set<String> gone = new HashSet<>(touched);
        gone.removeAll(newIds);
        gone.removeAll(claimed);
        rows.delete(gone);
        if (inputs.version() != inputsBefore) {
            claims.removeClaimedMeanwhile(toWrite);
            settle(toWrite);
        }
        Map<String, BookingRow> now = new HashMap<>();
        classified.forEach(r -> now.put(r.id(), r));
        tellInvoiced(claimOf.values(), claim -> new InvoicedBookingWatcher.Change(claim, now.get(claim.id()),
                occurredAt.get(claim.id())));
        states.save(applied);
    }

    /** Tells the watcher about the touched bookings that are on a draft invoice (not those marked as invoiced). */
    private void tellInvoiced(Collection<BookingClaim> touchedClaims,
            Function<BookingClaim, InvoicedBookingWatcher.Change> change) {
        List<InvoicedBookingWatcher.Change> changes = touchedClaims.stream().filter(c -> c.invoiceId() != null)
                .map(change).toList();
        if (!changes.isEmpty()) {
            invoiced.changed(changes);
        }
    }

    /** The appointment disappeared from Bookings: its rows leave the view, unless already invoiced. */
    public void onCancelled(String businessId, String appointmentId, Instant occurredAt) {
        String key = Keys.appointment(businessId, appointmentId);
        AppointmentState previous = states.find(key).orElse(null);
        if (previous != null && (previous.cancelled() || occurredAt.isBefore(previous.occurredAt()))) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (previous != null) {
            ids.addAll(previous.bookingIds());
        } else {
            // rows are written before their state: after a crash in between, only a scan finds them (rare)
            rows.ofAppointment(businessId, appointmentId).forEach(r -> ids.add(r.id()));
        }
        Map<String, BookingClaim> claimOf = claims.claimsOf(ids);
        ids.removeAll(claimOf.keySet());
        rows.delete(ids);
        tellInvoiced(claimOf.values(), claim -> new InvoicedBookingWatcher.Change(claim, null, occurredAt));
        // the appointment is kept: a booking invoiced before the cancellation stays on its draft invoice (the
        // cancellation never un-invoices); if that draft is deleted, the booking does not come back (see restore)
        states.save(List.of(new AppointmentState(key, previous == null ? null : previous.revision(), occurredAt, true,
                List.of(), previous == null ? null : previous.appointment())));
    }

    /**
     * Customer registrations, updates or rejections, in log order: the rows of those Bookings customers are
     * recomputed. A registration (not a rejection) also makes its customer no. known, so that AssociateCustomer
     * can link to it.
     */
    public void onCustomers(List<CustomerRegistration> registrations) {
        List<KnownCustomer> known = registrations.stream().filter(CustomerRegistration::registered)
                .map(r -> new KnownCustomer(r.customerNo(), r.name(), r.occurredAt(), r.posting())).toList();
        documents.upsertAll(known, KnownCustomer.class, KnownCustomer::id);
        List<CustomerRegistration> fresh = newerThanStored(registrations, CustomerRegistration.class,
                CustomerRegistration::id, CustomerRegistration::occurredAt);
        if (fresh.isEmpty()) {
            return;
        }
        documents.upsertAll(fresh, CustomerRegistration.class, CustomerRegistration::id);
        inputs.changed();
        settle(rows.ofCustomers(fresh.stream().map(CustomerRegistration::id).toList()));
    }

    /** Item registrations, updates or rejections, in log order: the rows of those Bookings services are recomputed. */
    public void onItems(List<ItemRegistration> registrations) {
        List<ItemRegistration> fresh = newerThanStored(registrations, ItemRegistration.class, ItemRegistration::id,
                ItemRegistration::occurredAt);
        if (fresh.isEmpty()) {
            return;
        }
        documents.upsertAll(fresh, ItemRegistration.class, ItemRegistration::id);
        inputs.changed();
        Set<String> services = fresh.stream().map(ItemRegistration::id).collect(Collectors.toSet());
        settle(rows.ofServices(fresh.stream().map(ItemRegistration::serviceId).distinct().toList()).stream()
                .filter(r -> services.contains(Keys.service(r.businessId(), r.serviceId()))).toList());
    }

    /**
     * Reclassifies rows against the registrations stored now, and writes those that change, until nothing
     * changes. Each registration is saved before its handler looks for rows, and each row is re-checked after it
     * is written; so whichever handler writes a row last has read every registration saved before, and the row
     * ends up right even when appointments and registrations are applied concurrently by different instances.
     * Recomputations only replace existing rows: a row that was invoiced (deleted) meanwhile is not recreated.
     */
    private void settle(List<BookingRow> toSettle) {
        List<BookingRow> current = toSettle;
        for (int round = 0; round < 5 && !current.isEmpty(); round++) {
            List<BookingRow> again = classifyAll(current);
            List<BookingRow> changed = new ArrayList<>();
            for (int i = 0; i < current.size(); i++) {
                if (!again.get(i).equals(current.get(i))) {
                    changed.add(again.get(i));
                }
            }
            rows.replaceExisting(changed);
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
        Set<String> appointments = new LinkedHashSet<>();
        for (String id : bookingIds) {
            String appointment = Keys.appointmentOfBooking(id);
            if (appointment != null) {
                appointments.add(appointment);
            }
        }
        if (appointments.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(bookingIds);
        Set<String> claimed = claims.claimedAmong(bookingIds);
        List<BookingRow> bare = new ArrayList<>();
        for (AppointmentState state : states.find(appointments)) {
            if (state.cancelled() || state.appointment() == null) {
                continue;
            }
            rules.bareRowsOf(state.appointment()).stream()
                    .filter(r -> wanted.contains(r.id()) && !claimed.contains(r.id())).forEach(bare::add);
        }
        List<BookingRow> restored = classifyAll(bare);
        rows.upsert(restored);
        claims.removeClaimedMeanwhile(restored);
        settle(restored);
        return List.copyOf(rows.byId(restored.stream().map(BookingRow::id).toList()).keySet());
    }

    /**
     * Matches a Bookings customer to a customer no. by hand (AssociateCustomer) and returns its rows in the view as
     * they are now.
     */
    public List<BookingRow> associate(CustomerAssociation association) {
        documents.upsertAll(List.of(association), CustomerAssociation.class, CustomerAssociation::id);
        inputs.changed();
        return recompute(rowsOfCustomer(association.businessId(), association.bookingsCustomerId()).stream()
                .map(BookingRow::id).toList());
    }

    /** Sets the price of bookings by hand (SetBookingPrice) and returns those still in the view as they are now. */
    public List<BookingRow> overridePrices(List<PriceOverride> overrides) {
        documents.upsertAll(overrides, PriceOverride.class, PriceOverride::id);
        inputs.changed();
        return recompute(overrides.stream().map(PriceOverride::id).toList());
    }

    private List<BookingRow> recompute(Collection<String> bookingIds) {
        settle(rows.find(bookingIds));
        return rows.find(bookingIds);
    }

    /** The rows of one Bookings customer now in the view. */
    public List<BookingRow> rowsOfCustomer(String businessId, String bookingsCustomerId) {
        return rows.ofCustomers(List.of(Keys.customer(businessId, bookingsCustomerId)));
    }

    /**
     * The rows with everything known now: registrations, associations, items and price overrides, each read in
     * {@code _id} batches. Same order as given.
     */
    private List<BookingRow> classifyAll(List<BookingRow> toClassify) {
        if (toClassify.isEmpty()) {
            return List.of();
        }
        List<String> customerKeys = toClassify.stream()
                .map(r -> Keys.customer(r.businessId(), r.bookingsCustomerId())).distinct().toList();
        Map<String, CustomerRegistration> customers = documents.byId(customerKeys, CustomerRegistration.class,
                CustomerRegistration::id);
        Map<String, CustomerAssociation> associations = documents.byId(customerKeys, CustomerAssociation.class,
                CustomerAssociation::id);
        Map<String, ItemRegistration> items = documents.byId(toClassify.stream()
                .map(r -> Keys.service(r.businessId(), r.serviceId())).distinct().toList(), ItemRegistration.class,
                ItemRegistration::id);
        Map<String, PriceOverride> overrides = documents.byId(toClassify.stream().map(BookingRow::id).toList(),
                PriceOverride.class, PriceOverride::id);
        List<BookingRow> classified = new ArrayList<>(toClassify.size());
        for (BookingRow row : toClassify) {
            String customerKey = Keys.customer(row.businessId(), row.bookingsCustomerId());
            classified.add(rules.classify(row, customers.get(customerKey), associations.get(customerKey),
                    items.get(Keys.service(row.businessId(), row.serviceId())), overrides.get(row.id())));
        }
        return classified;
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
        Map<String, T> stored = documents.byId(newest.keySet(), type, id);
        return newest.values().stream().filter(r -> {
            T previous = stored.get(id.apply(r));
            return previous == null || !occurredAt.apply(r).isBefore(occurredAt.apply(previous));
        }).toList();
    }

    private static boolean isStaleOrSeen(AppointmentState previous, Instant occurredAt, String revision) {
        return occurredAt.isBefore(previous.occurredAt())
                || occurredAt.equals(previous.occurredAt()) && revision.equals(previous.revision());
    }
}
