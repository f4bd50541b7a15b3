package dev.bookingsinvoicing.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.events.QuarantineResolution;
import dev.bookingsinvoicing.sync.domain.BookingsData.Rejection;
import dev.bookingsinvoicing.sync.domain.Quarantine.Changes;
import dev.bookingsinvoicing.sync.domain.Quarantine.Entry;
import dev.bookingsinvoicing.sync.domain.Quarantine.Observation;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;

class QuarantineTest {

    static final String BUSINESS = "Salon@contoso.onmicrosoft.com";
    static final Instant RUN_1 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant RUN_2 = RUN_1.plus(Duration.ofMinutes(1));
    static final Instant WINDOW_1 = Instant.parse("2026-09-02T10:00:00Z");
    static final Instant WINDOW_2 = Instant.parse("2026-12-01T09:45:00Z");

    @Test
    void aRecordThatCannotBeUsedIsKeptAnnouncedOnceAndCountsItsAttempts() {
        Changes first = Quarantine.after(BUSINESS, Map.of(),
                observed(List.of(rejection(Kind.APPOINTMENT, "a1", "no attendees: nobody to bill")), Map.of(),
                        WINDOW_1), RUN_1);
        assertThat(first.entries()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(BUSINESS + "/appointment/a1");
            assertThat(e.firstSeenAt()).isEqualTo(RUN_1);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.windowStart()).isEqualTo(WINDOW_1);
        });
        assertThat(first.announced()).isEqualTo(first.entries());
        assertThat(first.releases()).isEmpty();

        // the same problem on the next (incremental) run: counted, not announced again, and the window stays held
        Changes second = Quarantine.after(BUSINESS, byKey(first.entries()),
                observed(List.of(rejection(Kind.APPOINTMENT, "a1", "no attendees: nobody to bill")), Map.of(),
                        WINDOW_2), RUN_2);
        assertThat(second.entries()).singleElement().satisfies(e -> {
            assertThat(e.firstSeenAt()).isEqualTo(RUN_1);
            assertThat(e.lastSeenAt()).isEqualTo(RUN_2);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.windowStart()).isEqualTo(WINDOW_1);
        });
        assertThat(second.announced()).isEmpty();
        assertThat(Quarantine.heldWindowStart(second.entries())).hasValue(WINDOW_1);

        // another problem with the same record is announced again
        Changes third = Quarantine.after(BUSINESS, byKey(second.entries()),
                observed(List.of(rejection(Kind.APPOINTMENT, "a1", "ends before it starts")), Map.of(), WINDOW_2),
                RUN_2.plusSeconds(60));
        assertThat(third.announced()).singleElement().extracting(Entry::reason).isEqualTo("ends before it starts");
    }

    @Test
    void aRecordLeavesWhenReadSuccessfullyOrGoneAndOnlyWhenItsKindWasRead() {
        Map<String, Entry> before = byKey(List.of(
                entry(Kind.APPOINTMENT, "fixed"), entry(Kind.APPOINTMENT, "deleted"),
                entry(Kind.CUSTOMER, "c-fixed"), entry(Kind.SERVICE, "s-not-read")));

        // customers and appointments were read, services were not (their sync is off)
        Changes changes = Quarantine.after(BUSINESS, before, new Observation(List.of(),
                Map.of(Kind.APPOINTMENT, Set.of("fixed", "other"), Kind.CUSTOMER, Set.of("c-fixed")), WINDOW_2),
                RUN_2);

        assertThat(changes.releases()).extracting(r -> r.entry().recordId() + "=" + r.resolution())
                .containsExactlyInAnyOrder("fixed=READ", "deleted=GONE", "c-fixed=READ");
        assertThat(changes.entries()).isEmpty();
        assertThat(Quarantine.heldWindowStart(List.of(entry(Kind.SERVICE, "s-not-read")))).isEmpty();
        // what is left: the service that was not read
        assertThat(changes.countsAfter(before))
                .isEqualTo(Map.of(Kind.APPOINTMENT, 0, Kind.CUSTOMER, 0, Kind.SERVICE, 1));
    }

    @Test
    void recordsWithoutAnIdShareOneEntryPerKind() {
        Changes changes = Quarantine.after(BUSINESS, Map.of(), observed(List.of(
                new Rejection(Kind.CUSTOMER, null, "customer without id"),
                new Rejection(Kind.CUSTOMER, " ", "customer without id")), Map.of(), WINDOW_1), RUN_1);
        assertThat(changes.entries()).singleElement().satisfies(e -> {
            assertThat(e.recordId()).isEqualTo(Quarantine.NO_ID);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.windowStart()).isNull();
        });
        assertThat(changes.announced()).hasSize(1);
    }

    @Test
    void theEventsOfAnEntryAreStableSoARepeatedAnnouncementIsRecognised() {
        Entry entry = entry(Kind.APPOINTMENT, "a1");
        Publication once = SyncEvents.quarantined(entry, RUN_1);
        Publication again = SyncEvents.quarantined(entry, RUN_2);
        assertThat(eventId(again)).isEqualTo(eventId(once));
        assertThat(once.key()).isEqualTo(entry.key());

        Publication read = SyncEvents.released(new Quarantine.Release(entry, QuarantineResolution.READ), RUN_2);
        Publication gone = SyncEvents.released(new Quarantine.Release(entry, QuarantineResolution.GONE), RUN_2);
        assertThat(eventId(read)).isNotEqualTo(eventId(gone)).isNotEqualTo(eventId(once));
    }

    private static String eventId(Publication p) {
        return String.valueOf(p.event().get(p.event().getSchema().getField("eventId").pos()));
    }

    private static Observation observed(List<Rejection> rejected, Map<Kind, Set<String>> usable, Instant window) {
        // every kind read in full; those not named had nothing usable
        Map<Kind, Set<String>> read = new java.util.EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            read.put(kind, usable.getOrDefault(kind, Set.of()));
        }
        return new Observation(rejected, read, window);
    }

    private static Rejection rejection(Kind kind, String id, String reason) {
        return new Rejection(kind, id, reason);
    }

    private static Entry entry(Kind kind, String id) {
        return new Entry(BUSINESS, kind, id, "unreadable", RUN_1, RUN_1, 1,
                kind == Kind.APPOINTMENT ? WINDOW_1 : null);
    }

    private static Map<String, Entry> byKey(List<Entry> entries) {
        return entries.stream().collect(Collectors.toMap(Entry::key, Function.identity()));
    }
}
