package dev.bookingsinvoicing.invoicing.correction;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.bookingsinvoicing.events.CreditNoteLine;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.InvoicedBookingChanged;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.schemas.DecimalFields;

/**
 * Corrections and credit notes to the published language, built from the stored documents only (ids and times
 * included), so that a re-published event is the same event.
 */
final class CorrectionEvents {

    private CorrectionEvents() {
    }

    static InvoicedBookingChanged invoicedBookingChanged(Correction c) {
        return new InvoicedBookingChanged(eventId("InvoicedBookingChanged", c.id()), c.detectedAt(), c.id(),
                c.invoiceId(), null, c.invoiceCommandId(), c.customerNo(), c.bookingId(), c.businessId(),
                c.kind().name(), c.currency(), line(c.invoiced()), c.now() == null ? null : line(c.now()),
                c.nowReason());
    }

    static DraftCreditNoteCreated draftCreditNoteCreated(CreditNote note) {
        CorrectionLine l = note.credited();
        CreditNoteLine line = new CreditNoteLine(1, l.lineNo(), note.bookingId(), l.businessId(), l.itemNo(),
                l.description(), l.serviceDate(), localDate(l.serviceLocalDate()), l.timeZone(),
                DecimalFields.exact(l.quantity().negate()), DecimalFields.exact(l.unitPrice()),
                DecimalFields.exact(l.amount().negate()), l.unitOfMeasure(), l.genProdPostingGroup(),
                l.vatProdPostingGroup());
        return new DraftCreditNoteCreated(eventId("DraftCreditNoteCreated", note.id()), note.createdAt(), note.id(),
                note.correctionId(), note.commandId(), note.originalInvoiceId(), null, note.customerNo(),
                note.customerName() == null ? "" : note.customerName(), note.currency(),
                Pricing.minorUnits(note.currency()), List.of(line), DecimalFields.exact(note.totalAmount()),
                note.reason());
    }

    private static dev.bookingsinvoicing.events.CorrectionLine line(CorrectionLine l) {
        return new dev.bookingsinvoicing.events.CorrectionLine(l.lineNo(), l.customerNo(), l.itemNo(), l.description(),
                l.serviceDate(), localDate(l.serviceLocalDate()), DecimalFields.exact(l.quantity()),
                DecimalFields.exact(l.unitPrice()), DecimalFields.exact(l.amount()));
    }

    private static LocalDate localDate(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    private static String eventId(String type, String subject) {
        return UUID.nameUUIDFromBytes((type + "/" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
