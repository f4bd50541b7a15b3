package dev.bookingsinvoicing.registration;

/** Why a Bookings record will not be registered: the filter rule that failed and a sentence for people. */
public record Rejection(String rule, String reason) {
}
