package dev.bookingsinvoicing.invoicing.view;

/** One customer of an appointment; each attendee is billed separately. */
public record Attendee(String bookingsCustomerId, String name, String emailAddress) {
}
