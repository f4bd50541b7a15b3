package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bookingsinvoicing.events.QuarantineResolution;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.sync.domain.BookingsData.Rejection;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;

/**
 * The rule that nothing Bookings sends is lost: a record the sync could not use is kept (quarantined) with its
 * reason, re-read on every run, and leaves only when a run reads it successfully or finds it gone from Bookings. A
 * quarantined appointment also holds the calendar window open back to where it was first seen, so an incremental run
 * never moves past it for good.
 */
public final class Quarantine {

    /** Stands in for the id of a record Graph sent without one (they share one entry per business and kind). */
    public static final String NO_ID = "(no id)";

    /**
     * One quarantined record.
     *
     * @param windowStart for appointments: the earliest calendar window start in which it was seen; runs read from
     *                    there at the latest until it leaves (null for customers and services)
     */
    public record Entry(String businessId, Kind kind, String recordId, String reason, Instant firstSeenAt,
            Instant lastSeenAt, int attempts, Instant windowStart) {

        /** The record's key on {@code bookings.quarantine}, also the entry's id in the store. */
        public String key() {
            return Keys.quarantined(businessId, kind.name().toLowerCase(Locale.ROOT), recordId);
        }
    }

    /** A record that leaves the quarantine, and why. */
    public record Release(Entry entry, QuarantineResolution resolution) {
    }

    /**
     * What a run changes.
     *
     * @param entries   every entry rejected again or for the first time, with its attempts and last-seen updated
     * @param announced those of {@code entries} that are new or whose reason changed: they are published
     * @param releases  entries that leave: read successfully, or gone from Bookings
     */
    public record Changes(List<Entry> entries, List<Entry> announced, List<Release> releases) {

        public Changes {
            entries = List.copyOf(entries);
            announced = List.copyOf(announced);
            releases = List.copyOf(releases);
        }

        public boolean isEmpty() {
            return entries.isEmpty() && releases.isEmpty();
        }

        /** How many records of each kind are quarantined once these changes apply to {@code before} (by key). */
        public Map<Kind, Integer> countsAfter(Map<String, Entry> before) {
            Map<String, Kind> remaining = new HashMap<>();
            before.forEach((key, entry) -> remaining.put(key, entry.kind()));
            releases.forEach(release -> remaining.remove(release.entry().key()));
            entries.forEach(entry -> remaining.put(entry.key(), entry.kind()));
            Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                counts.put(kind, (int) remaining.values().stream().filter(kind::equals).count());
            }
            return counts;
        }
    }

    /**
     * What one run of one business saw.
     *
     * @param rejected    records it could not use, with the reason
     * @param usable      ids of the records it read successfully, by kind, for the kinds it read in full this run
     *                    (services and customers only when their sync is on; appointments always, over a window
     *                    that covers every quarantined one); a kind absent was not read
     * @param windowStart start of the calendar window read
     */
    public record Observation(List<Rejection> rejected, Map<Kind, Set<String>> usable, Instant windowStart) {
    }

    private Quarantine() {
    }

    /** Where the calendar window must start at the latest so that every quarantined appointment is read again. */
    public static Optional<Instant> heldWindowStart(Collection<Entry> entries) {
        return entries.stream().filter(e -> e.kind() == Kind.APPOINTMENT && e.windowStart() != null)
                .map(Entry::windowStart).min(Comparator.naturalOrder());
    }

    /** The changes after one run, given the entries quarantined before it (by key). */
    public static Changes after(String businessId, Map<String, Entry> before, Observation run, Instant now) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Entry> announced = new ArrayList<>();
        for (Rejection rejection : run.rejected()) {
            String recordId = rejection.id() == null || rejection.id().isBlank() ? NO_ID : rejection.id();
            Instant windowStart = rejection.kind() == Kind.APPOINTMENT ? run.windowStart() : null;
            Entry fresh = new Entry(businessId, rejection.kind(), recordId, rejection.reason(), now, now, 1,
                    windowStart);
            Entry previous = entries.containsKey(fresh.key()) ? entries.get(fresh.key()) : before.get(fresh.key());
            Entry entry = previous == null ? fresh
                    : new Entry(businessId, fresh.kind(), recordId, fresh.reason(), previous.firstSeenAt(), now,
                            entries.containsKey(fresh.key()) ? previous.attempts() : previous.attempts() + 1,
                            earliest(previous.windowStart(), windowStart));
            entries.put(entry.key(), entry);
            if (previous == null || !previous.reason().equals(entry.reason())) {
                announced.removeIf(e -> e.key().equals(entry.key()));
                announced.add(entry);
            }
        }
        List<Release> releases = new ArrayList<>();
        before.values().stream().filter(e -> !entries.containsKey(e.key()))
                .filter(e -> run.usable().containsKey(e.kind())).sorted(Comparator.comparing(Entry::key))
                .forEach(e -> releases.add(new Release(e,
                        run.usable().get(e.kind()).contains(e.recordId())
                                ? QuarantineResolution.READ : QuarantineResolution.GONE)));
        return new Changes(List.copyOf(entries.values()), announced, releases);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }
}
