package dev.bookingsinvoicing.invoicing.command;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.bookingsinvoicing.schemas.Keys;

/**
 * The answer to a command ({@code _id} = commandId), stored last: once it exists the command is done, and a
 * re-delivered command only re-publishes it. {@code bookingIds} are the bookings the command acted on (invoiced,
 * marked, priced, associated, released); {@code summary} says what was asked, for the command history;
 * {@code businessIds} are the businesses the command named or acted on (all of them, even when the lists are cut),
 * which decide who may see the result in the history ({@code BusinessAccess}).
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
        List<String> bookingIds, String issuedBy, String summary, boolean truncated, List<String> businessIds) {

    public static final String COLLECTION = "command_results";

    /** Bytes of ids and reasons one result may list; the rest of the record is small. */
    static final int LIST_BUDGET_BYTES = 600_000;

    /** COMPLETED carries invoices and skipped bookings; REJECTED only the reason. */
    public enum Outcome {
        COMPLETED, REJECTED
    }

    public CommandResult {
        // results stored before businesses were recorded have none
        businessIds = businessIds == null ? List.of() : businessIds;
    }

    /**
     * @param named   the businesses the command names (its business, its bookings' businesses)
     * @param refused each booking that made the command refused, with why (in {@code skipped}, cut to the budget)
     */
    static CommandResult rejected(String commandId, String commandType, String issuedBy, String summary,
            String reason, Instant at, Collection<String> named, List<SkippedBooking> refused) {
        int[] budget = { LIST_BUDGET_BYTES };
        List<SkippedBooking> kept = fitSkipped(refused, budget);
        return new CommandResult(commandId, commandType, Outcome.REJECTED, List.of(), 0, kept, reason, at,
                List.of(), issuedBy, summary, kept.size() < refused.size(), List.copyOf(new TreeSet<>(named)));
    }

    /** @param named the businesses the command names, besides those of the bookings it acted on or skipped */
    static CommandResult completed(String commandId, String commandType, String issuedBy, String summary,
            List<String> invoiceIds, int bookingsInvoiced, List<SkippedBooking> skipped, List<String> bookingIds,
            Instant at, Collection<String> named) {
        TreeSet<String> businesses = new TreeSet<>(named);
        businesses.addAll(businessesOf(Stream.concat(bookingIds.stream(),
                skipped.stream().map(SkippedBooking::bookingId)).toList()));
        int[] budget = { LIST_BUDGET_BYTES };
        List<String> invoices = fit(invoiceIds, budget);
        List<SkippedBooking> skips = fitSkipped(skipped, budget);
        List<String> bookings = fit(bookingIds, budget);
        boolean truncated = invoices.size() < invoiceIds.size() || skips.size() < skipped.size()
                || bookings.size() < bookingIds.size();
        return new CommandResult(commandId, commandType, Outcome.COMPLETED, invoices, bookingsInvoiced, skips, null,
                at, bookings, issuedBy, summary, truncated, List.copyOf(businesses));
    }

    /** The businesses of booking ids ({@code {businessId}/{appointmentId}/{bookingsCustomerId}}), sorted, once each. */
    static TreeSet<String> businessesOf(Collection<String> bookingIds) {
        TreeSet<String> businesses = new TreeSet<>();
        for (String id : bookingIds) {
            String business = Keys.businessOf(id);
            if (!business.isEmpty()) {
                businesses.add(business);
            }
        }
        return businesses;
    }

    private static List<SkippedBooking> fitSkipped(List<SkippedBooking> skipped, int[] budget) {
        List<SkippedBooking> kept = new ArrayList<>();
        for (SkippedBooking s : skipped) {
            int size = bytes(s.bookingId()) + bytes(s.reason()) + bytes(s.kind().name());
            if (size > budget[0]) {
                break;
            }
            budget[0] -= size;
            kept.add(s);
        }
        return kept;
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

    /** "3 bookings", "b/a/c and 2 more": short descriptions for the command history. */
    static String describe(List<String> ids) {
        if (ids.isEmpty()) {
            return "no bookings";
        }
        return ids.size() == 1 ? ids.get(0) : ids.get(0) + " and " + (ids.size() - 1) + " more";
    }
}
