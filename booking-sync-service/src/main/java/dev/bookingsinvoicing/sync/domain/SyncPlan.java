package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessSnapshot;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;

/**
 * Decides what to publish: new or changed services, customers and completed appointments, and cancellations of
 * published appointments that disappeared from the window read. Anything whose revision equals the last published
 * one is skipped, unless a full resync asks for everything published before a given instant.
 *
 * @param publications in publishing order
 * @param unchanged    how many things were read and skipped as already published
 */
public record SyncPlan(List<Publication> publications, int unchanged) {

    /**
     * The candidates not yet published with their current revision.
     *
     * @param resyncFrom a state published before this counts as not published (null = no resync)
     */
    public static SyncPlan changed(Collection<Publication> candidates, Map<String, KnownState> known,
            Instant resyncFrom) {
        List<Publication> publications = new ArrayList<>();
        int unchanged = 0;
        for (Publication candidate : candidates) {
            KnownState state = known.get(candidate.stateId());
            boolean stale = resyncFrom != null && state != null
                    && (state.publishedAt() == null || state.publishedAt().isBefore(resyncFrom));
            if (state != null && state.revision().equals(candidate.revision()) && !stale) {
                unchanged++;
            } else {
                publications.add(candidate);
            }
        }
        return new SyncPlan(List.copyOf(publications), unchanged);
    }

    /**
     * Cancellations: a published, not yet cancelled appointment that ended inside the window read must have been in
     * it (calendarView returns every appointment overlapping the window); if it was not, Bookings deleted it.
     *
     * @param seen ids of every appointment the window returned, rejected ones included
     */
    public static List<Publication> cancellations(String businessId, Map<String, KnownState> known, Set<String> seen,
            Instant windowStart, Instant now) {
        String prefix = Publication.stateId(Kind.APPOINTMENT, "");
        return known.values().stream()
                .filter(s -> s.stateId().startsWith(prefix) && s.appointmentEnd() != null)
                .filter(s -> !SyncEvents.CANCELLED.equals(s.revision()) && s.appointmentEnd().isAfter(windowStart))
                .filter(s -> !seen.contains(s.id()))
                .sorted((a, b) -> a.stateId().compareTo(b.stateId()))
                .map(s -> SyncEvents.appointmentCancelled(businessId, s.id(), s.revision(), s.appointmentEnd(), now))
                .toList();
    }

    /** Everything for one snapshot read in one go (services, customers, appointments, then cancellations). */
    public static SyncPlan of(BusinessSnapshot snapshot, Map<String, KnownState> known, Instant windowStart,
            Instant now) {
        List<Publication> candidates = new ArrayList<>();
        snapshot.services().forEach(s -> candidates.add(SyncEvents.service(snapshot.business(), s, now)));
        snapshot.customers().forEach(c -> candidates.add(SyncEvents.customer(snapshot.business(), c, now)));
        snapshot.appointments().stream().filter(a -> a.completedAt(now))
                .forEach(a -> candidates.add(SyncEvents.appointmentCompleted(snapshot.business(), a, now)));
        SyncPlan changed = changed(candidates, known, null);
        Set<String> seen = snapshot.appointments().stream().map(AppointmentData::id).collect(Collectors.toSet());
        List<Publication> publications = new ArrayList<>(changed.publications());
        publications.addAll(cancellations(snapshot.business().id(), known, seen, windowStart, now));
        return new SyncPlan(List.copyOf(publications), changed.unchanged());
    }
}
