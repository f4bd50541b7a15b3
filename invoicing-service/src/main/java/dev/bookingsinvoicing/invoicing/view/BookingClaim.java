package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A booking taken by an invoicing command. The claim is an insert whose {@code _id} is the booking id, so a
 * second claim fails with a duplicate key in any MongoDB, without transactions: this is what keeps a booking on
 * at most one draft invoice. The view never shows a claimed booking again.
 */
@Document(BookingClaim.COLLECTION)
public record BookingClaim(@Id String id, String commandId, String invoiceId, Instant claimedAt) {

    public static final String COLLECTION = "booking_claims";
}
