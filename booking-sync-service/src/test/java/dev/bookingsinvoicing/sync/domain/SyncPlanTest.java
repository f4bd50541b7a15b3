package dev.bookingsinvoicing.sync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.AttendeeData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessSnapshot;
import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;

class SyncPlanTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Instant WINDOW_START = NOW.minusSeconds(90L * 86400);
    static final BusinessInfo BUSINESS = new BusinessInfo("Salon@contoso.com", "Salon", "EUR", null, null);
    static final ServiceData HAIRCUT = new ServiceData("s1", "Haircut", "fixedPrice", new BigDecimal("35.00"), 30, 1,
            false);
    static final CustomerData ANA = new CustomerData("c1", "Ana", "ana@example.com", null, null, null, null, null,
            null);
    static final AttendeeData ANA_ATTENDS = new AttendeeData("c1", "Ana", "ana@example.com", null);
    static final AttendeeData BEN_ATTENDS = new AttendeeData("c2", "Ben", null, null);

    @Test
    void publishesEverythingNewButOnlyCompletedAppointments() {
        AppointmentData done = appointment("a1", NOW.minusSeconds(3600), new BigDecimal("35.00"), ANA_ATTENDS);
        AppointmentData running = appointment("a2", NOW.plusSeconds(600), new BigDecimal("35.00"), ANA_ATTENDS);

        SyncPlan plan = SyncPlan.of(snapshot(done, running), Map.of(), WINDOW_START, NOW);

        assertThat(plan.publications()).extracting(Publication::key)
                .containsExactly("Salon@contoso.com/s1", "Salon@contoso.com/c1", "Salon@contoso.com/a1");
        AppointmentCompleted event = (AppointmentCompleted) plan.publications().get(2).event();
        assertThat(event.getCurrency()).isEqualTo("EUR");
        assertThat(event.getPriceType()).isEqualTo(PriceType.fixedPrice);
        assertThat(event.getRevision()).isEqualTo(plan.publications().get(2).revision());
    }

    @Test
    void unchangedThingsAreNotPublishedAgainAndAChangeGetsANewEventId() {
        AppointmentData done = appointment("a1", NOW.minusSeconds(3600), new BigDecimal("35.00"), ANA_ATTENDS);
        SyncPlan first = SyncPlan.of(snapshot(done), Map.of(), WINDOW_START, NOW);
        Map<String, KnownState> known = remember(first);

        SyncPlan again = SyncPlan.of(snapshot(done), known, WINDOW_START, NOW.plusSeconds(60));
        assertThat(again.publications()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(3);

        AppointmentData repriced = appointment("a1", NOW.minusSeconds(3600), new BigDecimal("40.00"), ANA_ATTENDS);
        SyncPlan changed = SyncPlan.of(snapshot(repriced), known, WINDOW_START, NOW.plusSeconds(60));
        assertThat(changed.publications()).hasSize(1);
        AppointmentCompleted before = (AppointmentCompleted) first.publications().get(2).event();
        AppointmentCompleted after = (AppointmentCompleted) changed.publications().get(0).event();
        assertThat(after.getEventId()).isNotEqualTo(before.getEventId());
        assertThat(after.getPrice()).isEqualByComparingTo("40.00");
    }

    @Test
    void sameContentGivesTheSameEventIdAndAttendeeOrderDoesNotMatter() {
        AppointmentData ab = appointment("g1", NOW.minusSeconds(3600), null, ANA_ATTENDS, BEN_ATTENDS);
        AppointmentData ba = appointment("g1", NOW.minusSeconds(3600), null, BEN_ATTENDS, ANA_ATTENDS);
        AppointmentCompleted one = (AppointmentCompleted) SyncEvents.appointmentCompleted(BUSINESS, ab, NOW).event();
        AppointmentCompleted two = (AppointmentCompleted) SyncEvents.appointmentCompleted(BUSINESS, ba,
                NOW.plusSeconds(5)).event();
        assertThat(two.getEventId()).isEqualTo(one.getEventId());
        assertThat(one.getPrice()).isNull();
        assertThat(one.getAttendees()).hasSize(2);
    }

    @Test
    void aPublishedAppointmentMissingFromTheWindowIsCancelledOnce() {
        AppointmentData done = appointment("a1", NOW.minusSeconds(3600), new BigDecimal("35.00"), ANA_ATTENDS);
        Map<String, KnownState> known = remember(SyncPlan.of(snapshot(done), Map.of(), WINDOW_START, NOW));

        SyncPlan gone = SyncPlan.of(snapshot(), known, WINDOW_START, NOW.plusSeconds(60));
        assertThat(gone.publications()).extracting(p -> p.event().getClass()).containsExactly(
                (Class) AppointmentCancelled.class);
        known.putAll(remember(gone));
        assertThat(SyncPlan.of(snapshot(), known, WINDOW_START, NOW.plusSeconds(120)).publications()).isEmpty();

        // an appointment that ended before the window is not expected in it: no cancellation
        assertThat(SyncPlan.of(snapshot(), remember(SyncPlan.of(snapshot(done), Map.of(), WINDOW_START, NOW)),
                NOW, NOW.plusSeconds(60)).publications()).isEmpty();
    }

    @Test
    void unknownPriceTypesReadAsUndefined() {
        assertThat(SyncEvents.priceType("somethingNew")).isEqualTo(PriceType.undefined);
        assertThat(SyncEvents.priceType("priceVaries")).isEqualTo(PriceType.priceVaries);
    }

    private static Map<String, KnownState> remember(SyncPlan plan) {
        Map<String, KnownState> known = new HashMap<>();
        plan.publications().forEach(p -> known.put(p.stateId(), new KnownState(p.stateId(),
                p.key().substring(p.key().indexOf('/') + 1), p.revision(), p.appointmentEnd())));
        return known;
    }

    private static BusinessSnapshot snapshot(AppointmentData... appointments) {
        return new BusinessSnapshot(BUSINESS, List.of(HAIRCUT), List.of(ANA), List.of(appointments));
    }

    private static AppointmentData appointment(String id, Instant end, BigDecimal price, AttendeeData... attendees) {
        return new AppointmentData(id, "s1", "Haircut", end.minusSeconds(1800), end, "UTC", "fixedPrice", price,
                List.of(attendees));
    }
}
