package dev.bookingsinvoicing.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.CurrencyTotal;
import dev.bookingsinvoicing.events.PreviewedInvoice;
import dev.bookingsinvoicing.events.SkippedBooking;

/** A command's result as the operator reads it, and the exit code it means. */
final class Results {

    private Results() {
    }

    /**
     * Whether completing without invoicing or marking anything means the command failed the operator: it named
     * bookings or a customer. "Invoice all" finding nothing ready is the steady state of a scheduled run, not an
     * error; it completes with 0 and says so.
     */
    static boolean namesWhatItWants(SpecificRecord command) {
        return command instanceof InvoiceBookings invoice ? invoice.getScope() != InvoiceScope.ALL
                : command instanceof MarkBookingsInvoiced;
    }

    /**
     * Prints any command's result in a few readable lines, each booking not acted on with what kind of why;
     * returns {@link ExitCode#REJECTED} for a rejection, {@link ExitCode#NOTHING_DONE} when {@code nothingIsAFailure}
     * and an invoice or mark command completed with no booking invoiced or marked, else {@link ExitCode#DONE}.
     */
    static ExitCode print(SpecificRecord result, PrintWriter out, boolean nothingIsAFailure) {
        if (result instanceof CommandRejected rejected) {
            out.printf("REJECTED %s: %s%n", rejected.getCommandId(), rejected.getReason());
            rejected.getRefused().forEach(r -> out.printf("  refused  %s: %s%n", r.getBookingId(),
                    explained(r.getKind(), r.getReason())));
            out.flush();
            return ExitCode.REJECTED;
        }
        CommandCompleted completed = (CommandCompleted) result;
        if (completed.getPreview()) {
            return printPreview(completed, out);
        }
        int skipped = completed.getSkipped().size();
        int acted = completed.getBookingIds().size();
        String summary = switch (completed.getCommandType()) {
            case "MarkBookingsInvoiced" -> completed.getBookingsInvoiced() + " booking(s) marked as invoiced, "
                    + skipped + " skipped";
            case "AssociateCustomer" -> acted + " booking(s) now billed to the customer, " + skipped + " not ready yet";
            case "DeleteDraftInvoice" -> "draft invoice " + String.join(", ", completed.getInvoiceIds())
                    + " deleted, " + acted + " booking(s) released";
            case "SetBookingPrice" -> acted + " booking(s) priced, " + skipped + " skipped";
            case "ResolveCorrection" -> completed.getInvoiceIds().isEmpty() ? "correction accepted as invoiced"
                    : "correction credited on draft credit note " + String.join(", ", completed.getInvoiceIds());
            default -> completed.getBookingsInvoiced() + " booking(s) invoiced on "
                    + completed.getInvoiceIds().size() + " draft invoice(s), " + skipped + " skipped";
        };
        out.printf("COMPLETED %s: %s%n", completed.getCommandId(), summary);
        if (!"DeleteDraftInvoice".equals(completed.getCommandType())
                && !"ResolveCorrection".equals(completed.getCommandType())) {
            completed.getInvoiceIds().forEach(id -> out.printf("  invoice  %s%n", id));
        }
        if (!"InvoiceBookings".equals(completed.getCommandType())) {
            completed.getBookingIds().forEach(id -> out.printf("  booking  %s%n", id));
        }
        completed.getSkipped().forEach(s -> out.printf("  skipped  %s: %s%n", s.getBookingId(),
                explained(s.getKind(), s.getReason())));
        boolean invoiceOrMark = "InvoiceBookings".equals(completed.getCommandType())
                || "MarkBookingsInvoiced".equals(completed.getCommandType());
        if (invoiceOrMark && completed.getBookingsInvoiced() == 0) {
            out.printf("NOTHING %s: %s%n", "InvoiceBookings".equals(completed.getCommandType()) ? "INVOICED"
                    : "MARKED", skipped == 0 ? "no booking was ready" : kinds(completed.getSkipped()));
            out.flush();
            return nothingIsAFailure ? ExitCode.NOTHING_DONE : ExitCode.DONE;
        }
        out.flush();
        return ExitCode.DONE;
    }

    /**
     * A preview: the invoices it would create (customer, currency, lines, total), how many the result left out, the
     * totals per currency and the bookings it would skip. Always {@link ExitCode#DONE}: a preview did what it was
     * asked, whatever it found.
     */
    private static ExitCode printPreview(CommandCompleted preview, PrintWriter out) {
        int invoices = preview.getPreviewTotals().stream().mapToInt(CurrencyTotal::getInvoices).sum();
        int lines = preview.getPreviewTotals().stream().mapToInt(CurrencyTotal::getLines).sum();
        out.printf("PREVIEW %s: would invoice %d booking(s) on %d draft invoice(s), %d skipped; nothing was "
                + "invoiced%n", preview.getCommandId(), lines, invoices, preview.getSkipped().size());
        for (PreviewedInvoice invoice : preview.getPreviewedInvoices()) {
            out.printf("  invoice  %s %s: %s %s, %d line(s)%n", invoice.getCustomerNo(), invoice.getCustomerName(),
                    money(invoice.getTotalAmount(), invoice.getCurrency()), invoice.getCurrency(),
                    invoice.getLineCount());
        }
        if (preview.getPreviewedInvoices().size() < invoices) {
            out.printf("  ... and %d more draft invoice(s), left out to keep the result small%n",
                    invoices - preview.getPreviewedInvoices().size());
        }
        preview.getPreviewTotals().forEach(t -> out.printf("  total    %s %s: %d draft invoice(s), %d line(s)%n",
                money(t.getTotalAmount(), t.getCurrency()), t.getCurrency(), t.getInvoices(), t.getLines()));
        preview.getSkipped().forEach(s -> out.printf("  skipped  %s: %s%n", s.getBookingId(),
                explained(s.getKind(), s.getReason())));
        if (preview.getTruncated()) {
            out.printf("  (lists cut to keep the result small; the counts are exact)%n");
        }
        out.flush();
        return ExitCode.DONE;
    }

    /** The amount in the currency's decimals (amounts are rounded to them), as it will be invoiced. */
    private static String money(BigDecimal amount, String currency) {
        try {
            return amount.setScale(Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits()),
                    RoundingMode.UNNECESSARY).toPlainString();
        } catch (IllegalArgumentException | ArithmeticException unknownOrFiner) {
            return amount.stripTrailingZeros().toPlainString();
        }
    }

    /** "not found (unknown booking id)": the kind first, in words, when the service gave one. */
    private static String explained(String kind, String reason) {
        String words = words(kind);
        return words.equals("other") ? reason : words + " (" + reason + ")";
    }

    /** The kind of why in words; "other" for a kind this CLI does not know (or none, from an older service). */
    private static String words(String kind) {
        return switch (kind == null ? "OTHER" : kind) {
            case "NOT_FOUND" -> "not found";
            case "ALREADY_INVOICED" -> "already invoiced";
            case "MARKED_INVOICED" -> "marked as invoiced";
            case "OUTSIDE_SCOPE" -> "outside --business/--from/--to";
            case "NOT_READY" -> "not ready";
            default -> "other";
        };
    }

    /** "2 not found, 1 already invoiced": how many of each kind, in the order first seen. */
    private static String kinds(List<SkippedBooking> skipped) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        skipped.forEach(s -> counts.merge(words(s.getKind()), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
