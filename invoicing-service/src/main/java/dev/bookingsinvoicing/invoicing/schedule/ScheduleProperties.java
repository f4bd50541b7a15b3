package dev.bookingsinvoicing.invoicing.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code bookings.invoicing.schedules}.
 *
 * @param tick how often the service looks for due billing-schedule slots (a slot runs at most this long after its
 *             time); also the wait before the first look after start-up
 */
@ConfigurationProperties("bookings.invoicing.schedules")
public record ScheduleProperties(@DefaultValue("30s") Duration tick) {
}
