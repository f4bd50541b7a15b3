package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessSnapshot;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;

/**
 * Decides what one run publishes for one business: new or changed services and customers, completed appointments
 * that are new or changed, and cancellations of published appointments that disappeared from the window. Anything
 * whose revision equals the last published one is skipped.
 *
 * @param publications in publishing order: services, customers, then appointments
 * @param unchanged    how many things were read and skipped as already published
 */
public record SyncPlan(List<Publication> publications, int unchanged) {

    /**
     * @param known       the states of this business by state id
     * @param windowStart start of the calendar window that was read
     * @param now         appointments that ended at or before this are completed
     */
    public static SyncPlan of(BusinessSnapshot snapshot, Map<String, KnownState> known, Instant windowStart,
            Instant now) {
        List<Publication> candidates = new ArrayList<>();
        snapshot.services().forEach(s -> candidates.add(SyncEvents.service(snapshot.business(), s, now)));
        snapshot.customers().forEach(c -> candidates.add(SyncEvents.customer(snapshot.business(), c, now)));
        snapshot.appointments().stream().filter(a -> a.completedAt(now))
                .forEach(a -> candidates.add(SyncEvents.appointmentCompleted(snapshot.business(), a, now)));

        List<Publication> publications = new ArrayList<>();
        int unchanged = 0;
        for (Publication candidate : candidates) {
            KnownState state = known.get(candidate.stateId());
            if (state != null && state.revision().equals(candidate.revision())) {
                unchanged++;
            } else {
                publications.add(candidate);
            }
        }
        // a published appointment that ended inside the window read must be in it; if not, Bookings deleted it
        Set<String> seen = snapshot.appointments().stream().map(AppointmentData::id).collect(Collectors.toSet());
        String prefix = Publication.stateId(Kind.APPOINTMENT, "");
        known.values().stream()
                .filter(s -> s.stateId().startsWith(prefix) && s.appointmentEnd() != null)
                .filter(s -> !SyncEvents.CANCELLED.equals(s.revision()) && s.appointmentEnd().isAfter(windowStart))
                .filter(s -> !seen.contains(s.id()))
                .sorted((a, b) -> a.stateId().compareTo(b.stateId()))
                .forEach(s -> publications.add(SyncEvents.appointmentCancelled(snapshot.business().id(), s.id(),
                        s.revision(), s.appointmentEnd(), now)));
        return new SyncPlan(List.copyOf(publications), unchanged);
    }
}
