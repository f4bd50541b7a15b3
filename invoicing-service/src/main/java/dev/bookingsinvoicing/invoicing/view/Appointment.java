package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;

/** A completed Bookings appointment as the view needs it (converted from AppointmentCompleted at the edge). */
public record Appointment(String businessId, String appointmentId, String revision, Instant occurredAt,
        String serviceId, String serviceName, Instant start, Instant end, String timeZone,
        BookingPriceType priceType, BigDecimal price, String currency, List<Attendee> attendees) {

    public long durationMinutes() {
        return Duration.between(start, end).toMinutes();
    }
}
