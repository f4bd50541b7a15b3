package dev.bookingsinvoicing.invoicing.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;

/**
 * The slots of one schedule: a cron expression (Spring's: six fields, seconds first, or a macro such as
 * {@code @daily}) read in a time zone (an IANA id), so that "06:00 every day" stays 06:00 local across daylight
 * saving time. The expression is matched against local date-times; where a local time does not exist (the hour
 * skipped in spring) the slot is as much later as the clocks moved (02:30 becomes 03:30), and a local time that
 * exists twice (the hour repeated in autumn) is one slot, at its first occurrence. (Spring's
 * {@link CronExpression} on zoned times would drop the day's 02:30 in spring and run it twice in autumn.)
 */
public final class ScheduleSlots {

    /** Skipped slots a schedule remembers; their number is always exact. */
    static final int SKIPPED_KEPT = 20;

    private final CronExpression cron;
    private final ZoneId zone;

    private ScheduleSlots(CronExpression cron, ZoneId zone) {
        this.cron = cron;
        this.zone = zone;
    }

    /**
     * The slots of {@code cron} in {@code timeZone}.
     *
     * @throws InvalidScheduleException saying what is wrong: not a cron expression, not an IANA time zone, or an
     *                                  expression that never fires
     */
    public static ScheduleSlots of(String cron, String timeZone) {
        if (cron == null || cron.isBlank()) {
            throw new InvalidScheduleException("cron is required (Spring's six fields, seconds first, e.g. "
                    + "'0 0 6 * * MON' for 06:00 every Monday, or @daily, @weekly, @monthly)");
        }
        CronExpression expression;
        try {
            expression = CronExpression.parse(cron.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("cron '" + cron + "' is not a cron expression (" + e.getMessage()
                    + "); Spring's six fields are expected, seconds first, e.g. '0 0 6 * * MON'", e);
        }
        if (timeZone == null || !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new InvalidScheduleException("timeZone '" + timeZone + "' is not an IANA time zone id "
                    + "(e.g. Europe/Berlin, America/Los_Angeles, UTC)");
        }
        ScheduleSlots slots;
        try {
            slots = new ScheduleSlots(expression, ZoneId.of(timeZone));
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("timeZone '" + timeZone + "' is not usable: " + e.getMessage(), e);
        }
        if (slots.next(Instant.EPOCH).isEmpty()) {
            throw new InvalidScheduleException("cron '" + cron + "' never fires");
        }
        return slots;
    }

    /** The first slot after {@code after}, if any. */
    public Optional<Instant> next(Instant after) {
        LocalDateTime local = after.atZone(zone).toLocalDateTime();
        while (true) {
            local = cron.next(local);
            if (local == null) {
                return Optional.empty();
            }
            // a time in a gap moves on by the gap; a time in an overlap takes its earlier offset, so the second
            // occurrence of a repeated time is before or at `after` and is passed over
            Instant slot = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (slot.isAfter(after)) {
                return Optional.of(slot);
            }
        }
    }

    /** The slot's date in the schedule's time zone. */
    LocalDate dateOf(Instant slot) {
        return slot.atZone(zone).toLocalDate();
    }

    /**
     * The slots due now: those after {@code after} and not after {@code now}. The latest is the one to run; the
     * earlier ones were missed and are skipped (its scope covers what they would have invoiced).
     */
    public Optional<Due> due(Instant after, Instant now) {
        Deque<Instant> skipped = new ArrayDeque<>();
        long skippedCount = 0;
        Instant latest = null;
        for (Optional<Instant> slot = next(after); slot.isPresent() && !slot.get().isAfter(now);
                slot = next(slot.get())) {
            if (latest != null) {
                skipped.addLast(latest);
                skippedCount++;
                if (skipped.size() > SKIPPED_KEPT) {
                    skipped.removeFirst();
                }
            }
            latest = slot.get();
        }
        return latest == null ? Optional.empty() : Optional.of(new Due(latest, List.copyOf(skipped), skippedCount));
    }

    /**
     * @param slot         the slot to run
     * @param skipped      the latest of the missed slots before it (at most {@value #SKIPPED_KEPT}), oldest first
     * @param skippedCount how many slots were missed
     */
    public record Due(Instant slot, List<Instant> skipped, long skippedCount) {
    }
}
