package dev.bookingsinvoicing.invoicing.command;

/** A booking a command did not invoice, and why. */
public record SkippedBooking(String bookingId, String reason) {
}
