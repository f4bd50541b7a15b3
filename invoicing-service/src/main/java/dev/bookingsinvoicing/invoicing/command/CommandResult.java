package dev.bookingsinvoicing.invoicing.command;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>A {@code preview} (an InvoiceBookings sent as a preview) acted on nothing: no invoice ids, no booking ids, none
 * invoiced; {@code previewedInvoices} are the invoices it would create, {@code previewTotals} their counts and totals
 * per currency, {@code skipped} the bookings it would skip.
 *
 * <p>The lists are cut to {@link #LIST_BUDGET_BYTES} in all (invoice ids or previewed invoices and their lines first,
 * then skipped bookings, then booking ids) and {@code truncated} says so: a CommandCompleted must stay under the
 * broker's default 1 MB record limit and the stored result under MongoDB's 16 MB, even for InvoiceBookings(ALL) over
 * a million bookings. The counts ({@code bookingsInvoiced}, a previewed invoice's {@code lineCount}, the
 * {@code previewTotals}) stay exact; the invoices themselves are in the DraftInvoiceCreated events.
 */
@Document(CommandResult.COLLECTION)
@CompoundIndex(name = "by_time", def = "{'occurredAt': -1, '_id': -1}")
@CompoundIndex(name = "by_type_time", def = "{'commandType': 1, 'occurredAt': -1, '_id': -1}")
public record CommandResult(@Id String id, String commandType, Outcome outcome, List<String> invoiceIds,
        int bookingsInvoiced, List<SkippedBooking> skipped, String reason, Instant occurredAt,
        List<String> bookingIds, String issuedBy, String summary, boolean truncated, List<String> businessIds,
        boolean preview, List<PreviewedInvoice> previewedInvoices, List<PreviewedInvoice.CurrencyTotal> previewTotals) {

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
        // and results stored before previews have no previewed invoices
        previewedInvoices = previewedInvoices == null ? List.of() : previewedInvoices;
        previewTotals = previewTotals == null ? List.of() : previewTotals;
    }

    /**
     * @param named   the businesses the command names (its business, its bookings' businesses)
     * @param refused each booking that made the command refused, with why (in {@code skipped}, cut to the budget)
     */
    public static CommandResult rejected(String commandId, String commandType, String issuedBy, String summary,
            String reason, Instant at, Collection<String> named, List<SkippedBooking> refused) {
        int[] budget = { LIST_BUDGET_BYTES };
        List<SkippedBooking> kept = fitSkipped(refused, budget);
        return new CommandResult(commandId, commandType, Outcome.REJECTED, List.of(), 0, kept, reason, at,
                List.of(), issuedBy, summary, kept.size() < refused.size(), List.copyOf(new TreeSet<>(named)), false,
                List.of(), List.of());
    }

    /** @param named the businesses the command names, besides those of the bookings it acted on or skipped */
    public static CommandResult completed(String commandId, String commandType, String issuedBy, String summary,
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
                at, bookings, issuedBy, summary, truncated, List.copyOf(businesses), false, List.of(), List.of());
    }

    /**
     * The result of an InvoiceBookings preview: the invoices it would create (as planned, lines cut to the budget)
     * with exact totals per currency, and the bookings it would skip.
     *
     * @param named the businesses the command names, besides those of the bookings it would invoice or skip
     */
    static CommandResult previewed(String commandId, String issuedBy, String summary, List<DraftInvoice> invoices,
            List<SkippedBooking> skipped, Instant at, Collection<String> named) {
        TreeSet<String> businesses = new TreeSet<>(named);
        invoices.forEach(invoice -> businesses.addAll(invoice.businessIds()));
        businesses.addAll(businessesOf(skipped.stream().map(SkippedBooking::bookingId).toList()));
        int[] budget = { LIST_BUDGET_BYTES };
        List<PreviewedInvoice> previewed = fitInvoices(invoices, budget);
        List<SkippedBooking> skips = fitSkipped(skipped, budget);
        int linesKept = previewed.stream().mapToInt(i -> i.lines().size()).sum();
        int lines = invoices.stream().mapToInt(i -> i.lines().size()).sum();
        boolean truncated = previewed.size() < invoices.size() || linesKept < lines || skips.size() < skipped.size();
        return new CommandResult(commandId, InvoiceCommand.TYPE, Outcome.COMPLETED, List.of(), 0, skips, null, at,
                List.of(), issuedBy, summary, truncated, List.copyOf(businesses), true, previewed, totals(invoices));
    }

    private static List<PreviewedInvoice.CurrencyTotal> totals(List<DraftInvoice> invoices) {
        Map<String, PreviewedInvoice.CurrencyTotal> byCurrency = new TreeMap<>();
        for (DraftInvoice i : invoices) {
            byCurrency.merge(i.currency(), new PreviewedInvoice.CurrencyTotal(i.currency(), 1, i.lines().size(),
                    i.totalAmount()), (a, b) -> new PreviewedInvoice.CurrencyTotal(a.currency(),
                            a.invoices() + b.invoices(), a.lines() + b.lines(), a.totalAmount().add(b.totalAmount())));
        }
        return List.copyOf(byCurrency.values());
    }

    /** Invoices in order, each with as many lines as the budget holds; the first that does not fit ends the list. */
    private static List<PreviewedInvoice> fitInvoices(List<DraftInvoice> invoices, int[] budget) {
        List<PreviewedInvoice> kept = new ArrayList<>();
        for (DraftInvoice invoice : invoices) {
            int header = bytes(invoice.customerNo()) + bytes(invoice.customerName()) + bytes(invoice.currency())
                    + invoice.businessIds().stream().mapToInt(CommandResult::bytes).sum() + 2 * DECIMAL_BYTES;
            if (header > budget[0]) {
                break;
            }
            budget[0] -= header;
            int lines = 0;
            for (InvoiceLine line : invoice.lines()) {
                int size = bytes(line.bookingId()) + bytes(line.itemNo()) + bytes(line.description())
                        + 3 * DECIMAL_BYTES;
                if (size > budget[0]) {
                    break;
                }
                budget[0] -= size;
                lines++;
            }
            kept.add(PreviewedInvoice.of(invoice, lines));
            if (lines < invoice.lines().size()) {
                break;
            }
        }
        return kept;
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

    /** An Avro decimal (18 digits at scale 5): a length and at most 8 bytes; an int or a count fits in it too. */
    private static final int DECIMAL_BYTES = 10;

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
