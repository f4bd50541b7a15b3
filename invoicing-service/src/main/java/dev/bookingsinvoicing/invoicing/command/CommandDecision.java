package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * That a command (MarkBookingsInvoiced, SetBookingPrice, AssociateCustomer) was validated and accepted, for which
 * bookings ({@code _id} = commandId). Inserted before the first change: a retry after a crash re-applies the stored
 * decision instead of validating again against a view its own first attempt already changed, so a command is
 * either rejected with nothing changed or carried out in full, never half.
 */
@Document(CommandDecision.COLLECTION)
public record CommandDecision(@Id String id, String commandType, List<String> bookingIds, Instant decidedAt) {

    public static final String COLLECTION = "command_decisions";
}
