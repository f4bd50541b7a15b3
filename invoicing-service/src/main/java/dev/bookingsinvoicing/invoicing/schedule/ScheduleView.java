package dev.bookingsinvoicing.invoicing.schedule;

import java.time.Instant;
import java.util.List;

import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;

/**
 * A billing schedule as the API and the page show it: what it is, its next slot (null when disabled), and its last
 * run: the slot, the command it sent (in the command history under that id) and the missed slots it skipped.
 * {@code grouping} null means the service's default grouping.
 */
public record ScheduleView(String businessId, String cron, String timeZone, ScheduleScope scope,
        InvoiceGrouping grouping, boolean enabled, Instant nextSlot, Instant lastSlot, String lastCommandId,
        long lastSkippedCount, List<Instant> lastSkipped, Instant countsFrom, Instant updatedAt, String updatedBy) {

    static ScheduleView of(BillingSchedule schedule, Instant now) {
        Instant next = null;
        if (schedule.enabled()) {
            try {
                ScheduleSlots slots = ScheduleSlots.of(schedule.cron(), schedule.timeZone());
                // a slot already due (not yet run by a tick) is the next one
                next = slots.due(schedule.dueAfter(), now).map(ScheduleSlots.Due::slot)
                        .or(() -> slots.next(now)).orElse(null);
            } catch (InvalidScheduleException e) {
                // only a schedule written around the API can be invalid; it never runs, so it has no next slot
            }
        }
        return new ScheduleView(schedule.businessId(), schedule.cron(), schedule.timeZone(), schedule.scope(),
                schedule.grouping(), schedule.enabled(), next, schedule.lastSlot(), schedule.lastCommandId(),
                schedule.lastSkippedCount(), schedule.lastSkipped(), schedule.countsFrom(), schedule.updatedAt(),
                schedule.updatedBy());
    }
}
