package dev.bookingsinvoicing.invoicing.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceGrouping;
import dev.bookingsinvoicing.commands.InvoiceScope;

/**
 * One slot of a schedule to run: the InvoiceBookings it sends is a function of the schedule and the slot alone
 * (command id, issuedAt = the slot, issuedBy naming the schedule, its business, the scope's last date, the
 * grouping), so every instance that runs the same slot sends the very same command, and the command's life
 * (a command id seen before only gets its stored result again) invoices it once.
 */
public record ScheduledRun(BillingSchedule schedule, ScheduleSlots.Due due, InvoiceBookings command) {

    /** Who a scheduled command says it was issued by: "schedule:" + the business. */
    public static final String ISSUED_BY_PREFIX = "schedule:";

    static ScheduledRun of(BillingSchedule schedule, ScheduleSlots slots, ScheduleSlots.Due due) {
        InvoiceBookings command = InvoiceBookings.newBuilder().setCommandId(commandId(schedule.businessId(),
                due.slot())).setIssuedAt(due.slot()).setIssuedBy(ISSUED_BY_PREFIX + schedule.businessId())
                .setScope(InvoiceScope.ALL).setBusinessId(schedule.businessId())
                .setToDate(schedule.scope().toDate(slots.dateOf(due.slot())))
                .setGrouping(schedule.grouping() == null ? null : InvoiceGrouping.valueOf(schedule.grouping().name()))
                .build();
        return new ScheduledRun(schedule, due, command);
    }

    /** The name-based UUID of ("billing-schedule", business, slot): the same slot, the same command id. */
    public static String commandId(String businessId, Instant slot) {
        return UUID.nameUUIDFromBytes(("billing-schedule\n" + businessId + "\n" + slot)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String commandId() {
        return command.getCommandId();
    }
}
