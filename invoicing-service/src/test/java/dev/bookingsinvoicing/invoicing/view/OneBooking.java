package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;

/**
 * The events of one booking (business b1, appointment a1 with the one attendee c1, service s1) for tests of the
 * view's classes without Spring.
 */
final class OneBooking {

    static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    static final String ID = "b1/a1/c1";

    private OneBooking() {
    }

    /** A fixed price of 10.00 EUR. */
    static Appointment appointment() {
        return appointment(BookingPriceType.fixedPrice, new BigDecimal("10.00"));
    }

    static Appointment appointment(BookingPriceType priceType, BigDecimal price) {
        return new Appointment("b1", "a1", "r1", AT, "s1", "Haircut", AT, AT.plusSeconds(1800), null, priceType,
                price, "EUR", List.of(new Attendee("c1", "Name c1", "c1@example.com")));
    }

    /** c1 registered as C00010. */
    static CustomerRegistration customer() {
        return new CustomerRegistration("b1/c1", "b1", "c1", true, "C00010", "Name c1", null, "e-c1", AT,
                CustomerPosting.UNKNOWN);
    }

    /** s1 registered as item I-CUT, without a unit price. */
    static ItemRegistration item() {
        return new ItemRegistration("b1/s1", "b1", "s1", true, "I-CUT", null, "e-s1", AT, null, ItemPosting.UNKNOWN);
    }
}
