package dev.bookingsinvoicing.invoicing.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bookingsinvoicing.invoicing.command.CommandSender;

/**
 * Runs the billing schedules: on every tick, for each enabled schedule, the slots due since it last ran (or was
 * saved) by the injected clock; the latest is run, the earlier ones (missed while no instance ran) are recorded as
 * skipped, since the latest's scope covers what they would have invoiced. Running a slot is sending its
 * InvoiceBookings ({@link ScheduledRun}) on {@code invoicing.commands}, then advancing the schedule.
 *
 * <p>Why each slot is invoiced once, with any number of instances and restarts: the command is sent before the
 * schedule advances, so a crash in between sends it again on the next tick, and every instance that sends a slot
 * sends the same command id, which the command's life answers with the stored result after the first. The
 * advance is conditioned on the version the schedule was read at: the instance that loses learns nothing needs
 * doing, and no slot is recorded twice.
 */
public class BillingScheduleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BillingScheduleRunner.class);

    private final BillingScheduleStore schedules;
    private final CommandSender sender;
    private final Clock clock;

    public BillingScheduleRunner(BillingScheduleStore schedules, CommandSender sender, Clock clock) {
        this.schedules = schedules;
        this.sender = sender;
        this.clock = clock;
    }

    /** One tick: runs every due schedule; a schedule that fails is tried again on the next tick. */
    public List<ScheduledRun> runDue() {
        List<ScheduledRun> ran = new ArrayList<>();
        for (ScheduledRun run : due()) {
            try {
                run(run);
                ran.add(run);
            } catch (RuntimeException e) {
                LOG.warn("Billing schedule of {}: slot {} not sent, tried again on the next tick",
                        run.schedule().businessId(), run.due().slot(), e);
            }
        }
        return ran;
    }

    /** The runs due now, one per schedule at most. */
    public List<ScheduledRun> due() {
        Instant now = clock.instant();
        List<ScheduledRun> due = new ArrayList<>();
        for (BillingSchedule schedule : schedules.enabled()) {
            dueRun(schedule, now).ifPresent(due::add);
        }
        return due;
    }

    /** Sends the run's command, then records its slot as run; false when another instance recorded it first. */
    public boolean run(ScheduledRun run) {
        sender.send(run.commandId(), run.command());
        boolean advanced = schedules.advance(run);
        LOG.info("Billing schedule of {}: slot {} sent as command {}{}{}", run.schedule().businessId(),
                run.due().slot(), run.commandId(),
                run.due().skippedCount() == 0 ? "" : ", " + run.due().skippedCount() + " missed slot(s) skipped",
                advanced ? "" : " (another instance recorded it)");
        return advanced;
    }

    private static Optional<ScheduledRun> dueRun(BillingSchedule schedule, Instant now) {
        ScheduleSlots slots;
        try {
            slots = ScheduleSlots.of(schedule.cron(), schedule.timeZone());
        } catch (InvalidScheduleException e) {
            // only a schedule written around the API can be invalid
            LOG.warn("Billing schedule of {} cannot run: {}", schedule.businessId(), e.getMessage());
            return Optional.empty();
        }
        return slots.due(schedule.dueAfter(), now).map(due -> ScheduledRun.of(schedule, slots, due));
    }
}
