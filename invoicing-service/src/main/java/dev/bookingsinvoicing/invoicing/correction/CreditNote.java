package dev.bookingsinvoicing.invoicing.correction;

import java.math.BigDecimal;
import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.bookingsinvoicing.invoicing.command.InvoiceEvent;

/**
 * A draft credit note for one invoiced line ({@code _id} = {@link CorrectionRules#creditNoteId}: one per invoiced
 * line, whichever correction of it is credited). It credits the line as invoiced ({@code credited}, kept as it is on
 * the invoice; the published lines negate quantity and amount), as a Business Central credit memo for the original
 * line; the booking, released, is invoiced again at its value now.
 *
 * @param commandId the ResolveCorrection that credited it
 */
@Document(CreditNote.COLLECTION)
public record CreditNote(@Id String id, String correctionId, String commandId, String originalInvoiceId,
        String customerNo, String customerName, String currency, String bookingId, CorrectionLine credited,
        Instant createdAt, String reason) implements InvoiceEvent.Published {

    public static final String COLLECTION = "credit_notes";

    /** The credit note's total: the credited amount, negated. */
    public BigDecimal totalAmount() {
        return credited.amount().negate();
    }

    @Override
    public SpecificRecord toRecord() {
        return CorrectionEvents.draftCreditNoteCreated(this);
    }
}
