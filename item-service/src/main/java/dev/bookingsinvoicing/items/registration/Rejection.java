package dev.bookingsinvoicing.items.registration;

/** Why a Bookings service will not become an item: the rule that failed and a sentence for people. */
public record Rejection(String rule, String reason) {
}
