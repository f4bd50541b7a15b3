package dev.bookingsinvoicing.invoicing.schedule;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;

/**
 * One business's billing schedule ({@code _id} = businessId): when it runs ({@code cron}, Spring's six fields, in
 * {@code timeZone}), what it invoices ({@code scope}) and how it groups the invoices ({@code grouping}, null: the
 * service's default), and what it last did.
 *
 * <p>Slots count from {@code countsFrom} (the last save): a slot is due when it is after both {@code countsFrom} and
 * {@code lastSlot} and not after now. {@code lastSlot} is the last slot whose command was sent, {@code lastCommandId}
 * that command; {@code lastSkippedCount} the slots that were due before it when it ran (missed while no instance ran)
 * and were not run, the latest of them in {@code lastSkipped}. {@code version} changes with every write, so that of
 * two instances advancing the same schedule only one does.
 */
@Document(BillingSchedule.COLLECTION)
public record BillingSchedule(@Id String businessId, String cron, String timeZone, ScheduleScope scope,
        InvoiceGrouping grouping, boolean enabled, Instant countsFrom, Instant lastSlot, String lastCommandId,
        List<Instant> lastSkipped, long lastSkippedCount, Instant updatedAt, String updatedBy, long version) {

    public static final String COLLECTION = "billing_schedules";

    public BillingSchedule {
        lastSkipped = lastSkipped == null ? List.of() : List.copyOf(lastSkipped);
    }

    /** The instant after which slots are due: the last save or the last slot sent, whichever is later. */
    Instant dueAfter() {
        return lastSlot != null && lastSlot.isAfter(countsFrom) ? lastSlot : countsFrom;
    }
}
