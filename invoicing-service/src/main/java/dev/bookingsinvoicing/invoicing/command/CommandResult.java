package dev.bookingsinvoicing.invoicing.command;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The answer to a command ({@code _id} = commandId), stored last: once it exists the command is done, and a
 * re-delivered command only re-publishes it. {@code bookingIds} are the bookings the command acted on (invoiced,
 * marked, priced, associated, released); {@code summary} says what was asked, for the command history.
 *
 * <p>The lists are cut to {@link #LIST_BUDGET_BYTES} in all (invoice ids first, then skipped bookings, then booking
 * ids) and {@code truncated} says so: a CommandCompleted must stay under the broker's default 1 MB record limit and
 * the stored result under MongoDB's 16 MB, even for InvoiceBookings(ALL) over a million bookings. The counts
 * ({@code bookingsInvoiced}) stay exact; the invoices themselves are in the DraftInvoiceCreated events.
 */
@Document(CommandResult.COLLECTION)
@CompoundIndex(name = "by_time", def = "{'occurredAt': -1, '_id': -1}")
@CompoundIndex(name = "by_type_time", def = "{'commandType': 1, 'occurredAt': -1, '_id': -1}")
public record CommandResult(@Id String id, String commandType, Outcome outcome, List<String> invoiceIds,
        int bookingsInvoiced, List<SkippedBooking> skipped, String reason, Instant occurredAt,
        List<String> bookingIds, String issuedBy, String summary, boolean truncated) {

    public static final String COLLECTION = "command_results";

    /** Bytes of ids and reasons one result may list; the rest of the record is small. */
    static final int LIST_BUDGET_BYTES = 600_000;

    /** COMPLETED carries invoices and skipped bookings; REJECTED only the reason. */
    public enum Outcome {
        COMPLETED, REJECTED
    }

    static CommandResult rejected(String commandId, String commandType, String issuedBy, String summary,
            String reason, Instant at) {
        return new CommandResult(commandId, commandType, Outcome.REJECTED, List.of(), 0, List.of(), reason, at,
                List.of(), issuedBy, summary, false);
    }

    static CommandResult completed(String commandId, String commandType, String issuedBy, String summary,
            List<String> invoiceIds, int bookingsInvoiced, List<SkippedBooking> skipped, List<String> bookingIds,
            Instant at) {
        int[] budget = { LIST_BUDGET_BYTES };
        List<String> invoices = fit(invoiceIds, budget);
        List<SkippedBooking> skips = new ArrayList<>();
        for (SkippedBooking s : skipped) {
            int size = bytes(s.bookingId()) + bytes(s.reason());
            if (size > budget[0]) {
                break;
            }
            budget[0] -= size;
            skips.add(s);
        }
        List<String> bookings = fit(bookingIds, budget);
        boolean truncated = invoices.size() < invoiceIds.size() || skips.size() < skipped.size()
                || bookings.size() < bookingIds.size();
        return new CommandResult(commandId, commandType, Outcome.COMPLETED, invoices, bookingsInvoiced, skips, null,
                at, bookings, issuedBy, summary, truncated);
    }

    private static List<String> fit(List<String> ids, int[] budget) {
        List<String> kept = new ArrayList<>();
        for (String id : ids) {
            int size = bytes(id);
            if (size > budget[0]) {
                break;
            }
            budget[0] -= size;
            kept.add(id);
        }
        return kept;
    }

    private static int bytes(String s) {
        // Avro: a length varint (at most 3 bytes here) + UTF-8
        return s == null ? 1 : s.getBytes(StandardCharsets.UTF_8).length + 3;
    }
}
