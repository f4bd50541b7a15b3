package dev.bookingsinvoicing.invoicing.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Which ready bookings of its business a scheduled run invoices: every one, or those dated up to the end of the day,
 * the ISO week (Monday to Sunday) or the calendar month before the slot's date in the schedule's time zone. The bound
 * is the command's {@code toDate}, compared with each booking's local date as every date filter is.
 */
public enum ScheduleScope {
    ALL_READY, UP_TO_END_OF_PREVIOUS_DAY, UP_TO_END_OF_PREVIOUS_WEEK, UP_TO_END_OF_PREVIOUS_MONTH;

    /** The last local date the run takes, for a slot on {@code slotDate}; null: no bound. */
    LocalDate toDate(LocalDate slotDate) {
        return switch (this) {
            case ALL_READY -> null;
            case UP_TO_END_OF_PREVIOUS_DAY -> slotDate.minusDays(1);
            case UP_TO_END_OF_PREVIOUS_WEEK -> slotDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .minusDays(1);
            case UP_TO_END_OF_PREVIOUS_MONTH -> slotDate.withDayOfMonth(1).minusDays(1);
        };
    }
}
