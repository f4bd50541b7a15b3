package dev.bookingsinvoicing.customers.registration;

/** Why a Bookings customer will not become a customer: the rule that failed and a sentence for people. */
public record Rejection(String rule, String reason) {
}
