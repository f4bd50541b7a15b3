package dev.bookingsinvoicing.invoicing.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.CurrencyTotal;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.PreviewedLine;
import dev.bookingsinvoicing.events.RefusedBooking;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;
import dev.bookingsinvoicing.schemas.DecimalFields;

/**
 * Domain results to the published language. Event ids are derived from what the event is about (invoice id,
 * command id) and times come from the stored plan or result, so a re-published event is byte-for-byte the same.
 */
final class InvoicingEvents {

    private InvoicingEvents() {
    }

    /**
     * All-args constructors, not builders: a builder validates and deep-copies every field, which showed at a
     * hundred thousand invoices per command.
     */
    static DraftInvoiceCreated draftInvoiceCreated(DraftInvoice invoice) {
        List<dev.bookingsinvoicing.events.InvoiceLine> lines = new ArrayList<>(invoice.lines().size());
        for (InvoiceLine l : invoice.lines()) {
            lines.add(new dev.bookingsinvoicing.events.InvoiceLine(l.lineNo(), l.bookingId(), l.businessId(),
                    l.itemNo(), l.description(), l.serviceDate(), DecimalFields.legacyQuantity(l.quantity()),
                    DecimalFields.legacyMoney(l.unitPrice()), DecimalFields.legacyMoney(l.amount()),
                    l.serviceLocalDate(), l.timeZone(), DecimalFields.exact(l.quantity()),
                    DecimalFields.exact(l.unitPrice()), DecimalFields.exact(l.amount()), l.unitOfMeasure(),
                    l.genProdPostingGroup(), l.vatProdPostingGroup()));
        }
        CustomerPosting posting = invoice.customerPosting() == null ? CustomerPosting.UNKNOWN
                : invoice.customerPosting();
        return new DraftInvoiceCreated(eventId("DraftInvoiceCreated", invoice.id()), invoice.createdAt(), invoice.id(),
                invoice.commandId(), invoice.customerNo(), invoice.customerName() == null ? "" : invoice.customerName(),
                invoice.currency(), lines, DecimalFields.legacyMoney(invoice.totalAmount()),
                DecimalFields.exact(invoice.totalAmount()), Pricing.minorUnits(invoice.currency()),
                invoice.businessIds(), posting.customerPostingGroup(), posting.genBusPostingGroup(),
                posting.vatBusPostingGroup());
    }

    static CommandCompleted commandCompleted(CommandResult result) {
        return CommandCompleted.newBuilder()
                .setEventId(eventId("CommandCompleted", result.id()))
                .setOccurredAt(result.occurredAt())
                .setCommandId(result.id())
                .setCommandType(result.commandType())
                .setInvoiceIds(result.invoiceIds())
                .setBookingsInvoiced(result.bookingsInvoiced())
                .setSkipped(result.skipped().stream().map(s -> new dev.bookingsinvoicing.events.SkippedBooking(
                        s.bookingId(), s.reason(), s.kind().name())).toList())
                .setBookingIds(result.bookingIds() == null ? java.util.List.of() : result.bookingIds())
                .setPreview(result.preview())
                .setPreviewedInvoices(result.previewedInvoices().stream().map(InvoicingEvents::previewedInvoice)
                        .toList())
                .setPreviewTotals(result.previewTotals().stream().map(t -> new CurrencyTotal(t.currency(),
                        t.invoices(), t.lines(), DecimalFields.exact(t.totalAmount()))).toList())
                .setTruncated(result.truncated())
                .build();
    }

    private static dev.bookingsinvoicing.events.PreviewedInvoice previewedInvoice(PreviewedInvoice invoice) {
        return new dev.bookingsinvoicing.events.PreviewedInvoice(invoice.customerNo(),
                invoice.customerName() == null ? "" : invoice.customerName(), invoice.currency(),
                invoice.businessIds(), invoice.lineCount(), DecimalFields.exact(invoice.totalAmount()),
                invoice.lines().stream().map(l -> new PreviewedLine(l.bookingId(), l.itemNo(), l.description(),
                        DecimalFields.exact(l.quantity()), DecimalFields.exact(l.unitPrice()),
                        DecimalFields.exact(l.amount()))).toList());
    }

    static CommandRejected commandRejected(CommandResult result) {
        return new CommandRejected(eventId("CommandRejected", result.id()), result.occurredAt(), result.id(),
                result.commandType(), result.reason(), result.skipped().stream()
                        .map(s -> new RefusedBooking(s.bookingId(), s.reason(), s.kind().name())).toList());
    }

    static DraftInvoiceDeleted draftInvoiceDeleted(DeletedInvoice deleted) {
        return new DraftInvoiceDeleted(eventId("DraftInvoiceDeleted", deleted.id()), deleted.deletedAt(),
                deleted.id(), deleted.commandId(), deleted.customerNo(), deleted.bookingIds());
    }

    private static String eventId(String type, String subject) {
        return UUID.nameUUIDFromBytes((type + "/" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
