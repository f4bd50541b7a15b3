package dev.bookingsinvoicing.invoicing.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a plan into pieces small enough for one MongoDB document (16 MB) and puts it back together. A plan for a
 * million bookings is some 200 MB; each piece holds at most {@code maxLines} invoice lines plus skipped
 * bookings, and an invoice larger than that is spread over consecutive pieces.
 */
final class PlanChunks {

    /** One piece: parts of invoices (same id, a run of their lines) and a run of skipped bookings. */
    record Piece(List<DraftInvoice> invoices, List<SkippedBooking> skipped) {
    }

    private PlanChunks() {
    }

    static List<Piece> split(InvoicePlan plan, int maxLines) {
        List<Piece> pieces = new ArrayList<>();
        List<DraftInvoice> current = new ArrayList<>();
        int lines = 0;
        for (DraftInvoice invoice : plan.invoices()) {
            int from = 0;
            while (from < invoice.lines().size()) {
                if (lines == maxLines) {
                    pieces.add(new Piece(current, List.of()));
                    current = new ArrayList<>();
                    lines = 0;
                }
                int to = Math.min(invoice.lines().size(), from + maxLines - lines);
                current.add(invoice.withLines(List.copyOf(invoice.lines().subList(from, to))));
                lines += to - from;
                from = to;
            }
        }
        if (!current.isEmpty()) {
            pieces.add(new Piece(current, List.of()));
        }
        for (int from = 0; from < plan.skipped().size(); from += maxLines) {
            pieces.add(new Piece(List.of(), List.copyOf(plan.skipped().subList(from,
                    Math.min(plan.skipped().size(), from + maxLines)))));
        }
        return pieces;
    }

    static InvoicePlan merge(String commandId, List<Piece> pieces, java.time.Instant createdAt) {
        List<DraftInvoice> invoices = new ArrayList<>();
        List<SkippedBooking> skipped = new ArrayList<>();
        DraftInvoice open = null;
        List<InvoiceLine> openLines = new ArrayList<>();
        for (Piece piece : pieces) {
            for (DraftInvoice part : piece.invoices()) {
                if (open != null && !open.id().equals(part.id())) {
                    invoices.add(open.withLines(openLines));
                    openLines = new ArrayList<>();
                }
                open = part;
                openLines.addAll(part.lines());
            }
            skipped.addAll(piece.skipped());
        }
        if (open != null) {
            invoices.add(open.withLines(openLines));
        }
        return new InvoicePlan(commandId, invoices, skipped, createdAt);
    }
}
