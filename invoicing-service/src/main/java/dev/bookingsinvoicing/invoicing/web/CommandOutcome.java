package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import dev.bookingsinvoicing.invoicing.store.BsonValues;

/**
 * A stored command result as the page shows it, read from the raw {@code command_results} document so that the
 * page keeps working while the command side adds fields. A {@code preview} (an InvoiceBookings sent as a preview)
 * lists the invoices it would create ({@code previewed}, lines possibly cut) and their totals per currency.
 */
public record CommandOutcome(String id, String commandType, String outcome, List<String> invoiceIds,
        int bookingsInvoiced, List<Skip> skipped, String reason, Instant occurredAt, List<String> bookingIds,
        String issuedBy, String summary, boolean truncated, List<String> businessIds, boolean preview,
        List<Previewed> previewed, List<CurrencyTotal> previewTotals) {

    static final String COLLECTION = "command_results";

    /** The kinds of command the page knows, in the operator's words (the history's "Action" column and filter). */
    static final Map<String, String> KINDS = kinds();

    /** An invoice a preview would create: {@code lineCount} and {@code total} of all its lines. */
    public record Previewed(String customerNo, String customerName, String currency, List<String> businessIds,
            int lineCount, BigDecimal total) {
    }

    /** What a preview would invoice in one currency. */
    public record CurrencyTotal(String currency, int invoices, int lines, BigDecimal total) {
    }

    /** The bookings a preview would put on invoices (exact, also when its lists were cut). */
    public int previewedBookings() {
        return previewTotals.stream().mapToInt(CurrencyTotal::lines).sum();
    }

    /** The invoices a preview would create (exact). */
    public int previewedInvoices() {
        return previewTotals.stream().mapToInt(CurrencyTotal::invoices).sum();
    }

    /**
     * A booking the command did not act on (or, for a rejected command, one that made it refused), why, and the
     * kind of why (SkippedBooking.Kind; OTHER for results stored before kinds were kept).
     */
    public record Skip(String bookingId, String reason, String kind) {

        /** The kind in a few words, for the page's "Kind" column. */
        public String label() {
            return switch (kind == null ? "OTHER" : kind) {
                case "NOT_FOUND" -> "not found";
                case "ALREADY_INVOICED" -> "already invoiced";
                case "MARKED_INVOICED" -> "marked as invoiced";
                case "OUTSIDE_SCOPE" -> "outside the filter";
                case "NOT_READY" -> "not ready";
                default -> "";
            };
        }
    }

    /** What kind of action this was, in the operator's words ("Invoice bookings"); the type itself if unknown. */
    public String kind() {
        return KINDS.getOrDefault(commandType, commandType);
    }

    /** "Done", "Preview" or "Rejected". */
    public String outcomeLabel() {
        return rejected() ? "Rejected" : preview ? "Preview" : "Done";
    }

    public boolean rejected() {
        return "REJECTED".equals(outcome);
    }

    public boolean invoicing() {
        return "InvoiceBookings".equals(commandType);
    }

    /** A completed invoice or mark command that invoiced or marked nothing: the page says so, as the CLI does. */
    public boolean didNothing() {
        return !rejected() && !preview && bookingsInvoiced == 0
                && ("InvoiceBookings".equals(commandType) || "MarkBookingsInvoiced".equals(commandType));
    }

    static CommandOutcome of(Document d) {
        return new CommandOutcome(d.getString("_id"), d.getString("commandType"), String.valueOf(d.get("outcome")),
                strings(d.get("invoiceIds")), d.get("bookingsInvoiced") instanceof Number n ? n.intValue() : 0,
                d.getList("skipped", Document.class, List.of()).stream()
                        .map(s -> new Skip(s.getString("bookingId"), s.getString("reason"), s.getString("kind")))
                        .toList(),
                d.getString("reason"), instant(d.get("occurredAt")), strings(d.get("bookingIds")),
                d.getString("issuedBy"), d.getString("summary"), Boolean.TRUE.equals(d.get("truncated")),
                strings(d.get("businessIds")), Boolean.TRUE.equals(d.get("preview")),
                d.getList("previewedInvoices", Document.class, List.of()).stream()
                        .map(i -> new Previewed(i.getString("customerNo"), i.getString("customerName"),
                                i.getString("currency"), strings(i.get("businessIds")), count(i.get("lineCount")),
                                BsonValues.decimal(i.get("totalAmount"))))
                        .toList(),
                d.getList("previewTotals", Document.class, List.of()).stream()
                        .map(t -> new CurrencyTotal(t.getString("currency"), count(t.get("invoices")),
                                count(t.get("lines")), BsonValues.decimal(t.get("totalAmount"))))
                        .toList());
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("InvoiceBookings", "Invoice bookings");
        kinds.put("MarkBookingsInvoiced", "Mark as invoiced");
        kinds.put("AssociateCustomer", "Associate customer");
        kinds.put("SetBookingPrice", "Set price");
        kinds.put("DeleteDraftInvoice", "Delete draft invoice");
        kinds.put("ResolveCorrection", "Resolve correction");
        return kinds;
    }

    private static int count(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : value instanceof Instant i ? i : null;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
