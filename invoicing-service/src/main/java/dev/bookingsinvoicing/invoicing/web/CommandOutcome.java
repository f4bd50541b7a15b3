package dev.bookingsinvoicing.invoicing.web;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/**
 * A stored command result as the page shows it, read from the raw {@code command_results} document so that the
 * page keeps working while the command side adds fields.
 */
public record CommandOutcome(String id, String commandType, String outcome, List<String> invoiceIds,
        int bookingsInvoiced, List<Skip> skipped, String reason, Instant occurredAt, List<String> bookingIds,
        String issuedBy, String summary, boolean truncated, List<String> businessIds) {

    static final String COLLECTION = "command_results";

    /** A booking the command did not act on, and why. */
    public record Skip(String bookingId, String reason) {
    }

    public boolean rejected() {
        return "REJECTED".equals(outcome);
    }

    public boolean invoicing() {
        return "InvoiceBookings".equals(commandType);
    }

    static CommandOutcome of(Document d) {
        return new CommandOutcome(d.getString("_id"), d.getString("commandType"), String.valueOf(d.get("outcome")),
                strings(d.get("invoiceIds")), d.get("bookingsInvoiced") instanceof Number n ? n.intValue() : 0,
                d.getList("skipped", Document.class, List.of()).stream()
                        .map(s -> new Skip(s.getString("bookingId"), s.getString("reason"))).toList(),
                d.getString("reason"), instant(d.get("occurredAt")), strings(d.get("bookingIds")),
                d.getString("issuedBy"), d.getString("summary"), Boolean.TRUE.equals(d.get("truncated")),
                strings(d.get("businessIds")));
    }

    static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : value instanceof Instant i ? i : null;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
