package dev.bookingsinvoicing.invoicing.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Slots of billing schedules and the dates their scopes end on; every expected instant worked out by hand. */
class ScheduleSlotsTest {

    private static List<Instant> slots(ScheduleSlots slots, String after, int count) {
        List<Instant> found = new ArrayList<>();
        Instant at = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            at = slots.next(at).orElseThrow();
            found.add(at);
        }
        return found;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void sixInTheMorningStaysSixLocalAcrossTheChangeToSummerTime() {
        // Berlin: CET (UTC+1) until 29 March 2026 02:00, CEST (UTC+2) from then
        assertThat(slots(ScheduleSlots.of("0 0 6 * * *", "Europe/Berlin"), "2026-03-27T12:00:00Z", 3))
                .containsExactly(at("2026-03-28T05:00:00Z"), at("2026-03-29T04:00:00Z"), at("2026-03-30T04:00:00Z"));
    }

    @Test
    void aTimeTheClocksSkipRunsAsMuchLaterAndATimeTheyRepeatRunsOnce() {
        ScheduleSlots halfPastTwo = ScheduleSlots.of("0 30 2 * * *", "Europe/Berlin");
        // 29 March: 02:30 does not exist (02:00 -> 03:00), the slot is 03:30 CEST
        assertThat(slots(halfPastTwo, "2026-03-27T12:00:00Z", 3)).containsExactly(at("2026-03-28T01:30:00Z"),
                at("2026-03-29T01:30:00Z"), at("2026-03-30T00:30:00Z"));
        // 25 October: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET); one slot, the first
        assertThat(slots(halfPastTwo, "2026-10-23T12:00:00Z", 3)).containsExactly(at("2026-10-24T00:30:00Z"),
                at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z"));
        // an instance looking between the two 02:30s does not find a slot in the repeated hour
        assertThat(halfPastTwo.next(at("2026-10-25T01:00:00Z"))).contains(at("2026-10-26T01:30:00Z"));
    }

    @Test
    void monthEndsAndDaysSomeMonthsDoNotHave() {
        // the last day of each month, 06:00 in New York (EST UTC-5 until 8 March 2026, then EDT UTC-4)
        assertThat(slots(ScheduleSlots.of("0 0 6 L * *", "America/New_York"), "2026-01-15T12:00:00Z", 4))
                .containsExactly(at("2026-01-31T11:00:00Z"), at("2026-02-28T11:00:00Z"), at("2026-03-31T10:00:00Z"),
                        at("2026-04-30T10:00:00Z"));
        // the 31st skips the months without one
        assertThat(slots(ScheduleSlots.of("0 0 6 31 * *", "Europe/Berlin"), "2026-01-15T12:00:00Z", 3))
                .containsExactly(at("2026-01-31T05:00:00Z"), at("2026-03-31T04:00:00Z"), at("2026-05-31T04:00:00Z"));
        // @monthly: midnight of the 1st in Tokyo (UTC+9) is the previous day in UTC
        assertThat(slots(ScheduleSlots.of("@monthly", "Asia/Tokyo"), "2026-01-15T00:00:00Z", 2))
                .containsExactly(at("2026-01-31T15:00:00Z"), at("2026-02-28T15:00:00Z"));
    }

    @Test
    void theScopeEndsTheDayTheIsoWeekOrTheMonthBeforeTheSlotsDateInTheSchedulesZone() {
        LocalDate monday = LocalDate.of(2026, 3, 2);
        LocalDate sunday = LocalDate.of(2026, 3, 8);
        assertThat(ScheduleScope.ALL_READY.toDate(monday)).isNull();
        assertThat(ScheduleScope.UP_TO_END_OF_PREVIOUS_DAY.toDate(monday)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(ScheduleScope.UP_TO_END_OF_PREVIOUS_DAY.toDate(LocalDate.of(2028, 3, 1)))
                .isEqualTo(LocalDate.of(2028, 2, 29));
        // weeks run Monday to Sunday: on a Monday and on the Sunday after it, the previous week ended on 1 March
        assertThat(ScheduleScope.UP_TO_END_OF_PREVIOUS_WEEK.toDate(monday)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(ScheduleScope.UP_TO_END_OF_PREVIOUS_WEEK.toDate(sunday)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(ScheduleScope.UP_TO_END_OF_PREVIOUS_MONTH.toDate(LocalDate.of(2026, 3, 31)))
                .isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(ScheduleScope.UP_TO_END_OF_PREVIOUS_MONTH.toDate(LocalDate.of(2026, 1, 1)))
                .isEqualTo(LocalDate.of(2025, 12, 31));

        // 23:30 UTC on 1 March is already 2 March in Berlin: the previous day is 1 March there, 28 February in UTC
        Instant slot = at("2026-03-01T23:30:00Z");
        assertThat(ScheduleSlots.of("0 30 0 * * *", "Europe/Berlin").dateOf(slot)).isEqualTo(monday);
        assertThat(ScheduleSlots.of("0 30 23 * * *", "UTC").dateOf(slot)).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void ofTheSlotsMissedOnlyTheLatestIsDueAndTheOthersAreCountedAsSkipped() {
        ScheduleSlots daily = ScheduleSlots.of("0 0 6 * * *", "UTC");

        assertThat(daily.due(at("2026-03-01T07:00:00Z"), at("2026-03-02T05:59:59Z"))).isEmpty();
        assertThat(daily.due(at("2026-03-01T07:00:00Z"), at("2026-03-02T06:00:00Z"))).contains(
                new ScheduleSlots.Due(at("2026-03-02T06:00:00Z"), List.of(), 0));
        // down from 1 March 07:00 to 5 March 12:00: 2, 3, 4 March missed, 5 March runs
        assertThat(daily.due(at("2026-03-01T07:00:00Z"), at("2026-03-05T12:00:00Z"))).contains(
                new ScheduleSlots.Due(at("2026-03-05T06:00:00Z"), List.of(at("2026-03-02T06:00:00Z"),
                        at("2026-03-03T06:00:00Z"), at("2026-03-04T06:00:00Z")), 3));
        // down for 100 days: 99 skipped, the latest 20 kept
        ScheduleSlots.Due long100 = daily.due(at("2026-01-01T07:00:00Z"), at("2026-04-11T07:00:00Z")).orElseThrow();
        assertThat(long100.slot()).isEqualTo(at("2026-04-11T06:00:00Z"));
        assertThat(long100.skippedCount()).isEqualTo(99);
        assertThat(long100.skipped()).hasSize(ScheduleSlots.SKIPPED_KEPT).startsWith(at("2026-03-22T06:00:00Z"))
                .endsWith(at("2026-04-10T06:00:00Z"));
    }

    @Test
    void aBadExpressionOrZoneSaysWhatIsExpected() {
        assertThatThrownBy(() -> ScheduleSlots.of("0 6 * * MON", "UTC")).hasMessageContaining(
                "cron '0 6 * * MON' is not a cron expression").hasMessageContaining("six fields");
        assertThatThrownBy(() -> ScheduleSlots.of(" ", "UTC")).hasMessageContaining("cron is required");
        assertThatThrownBy(() -> ScheduleSlots.of("0 0 0 30 2 *", "UTC")).hasMessage("cron '0 0 0 30 2 *' never fires");
        for (String zone : new String[] { "+02:00", "CET+1", "Mars/Olympus_Mons", "W. Europe Standard Time" }) {
            assertThatThrownBy(() -> ScheduleSlots.of("@daily", zone)).as(zone)
                    .hasMessageContaining("timeZone '" + zone + "' is not an IANA time zone id");
        }
        assertThat(ScheduleSlots.of("@weekly", "America/Los_Angeles").next(at("2026-03-04T00:00:00Z")))
                .contains(at("2026-03-08T08:00:00Z"));
    }
}
