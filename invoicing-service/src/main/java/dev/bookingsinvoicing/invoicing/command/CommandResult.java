package dev.bookingsinvoicing.invoicing.command;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The answer to a command ({@code _id} = commandId), stored last: once it exists the command is done, and a
 * re-delivered command only re-publishes it.
 */
@Document(CommandResult.COLLECTION)
public record CommandResult(@Id String id, String commandType, Outcome outcome, List<String> invoiceIds,
        int bookingsInvoiced, List<SkippedBooking> skipped, String reason, Instant occurredAt) {

    public static final String COLLECTION = "command_results";

    /** COMPLETED carries invoices and skipped bookings; REJECTED only the reason. */
    public enum Outcome {
        COMPLETED, REJECTED
    }

    static CommandResult rejected(String commandId, String commandType, String reason, Instant at) {
        return new CommandResult(commandId, commandType, Outcome.REJECTED, List.of(), 0, List.of(), reason, at);
    }
}
