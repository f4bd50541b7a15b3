package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One booking on a draft invoice: {@code serviceDate} is the appointment's start, {@code serviceLocalDate} its date in
 * the appointment's zone {@code timeZone} (an IANA id), the date the description names. Lines stored before local
 * dates have neither. Quantity, unit price and amount are as {@link dev.bookingsinvoicing.invoicing.pricing.Pricing}
 * made them; {@code unitOfMeasure} is the unit of the quantity and the posting groups are the item's, for an ERP
 * (null on lines stored before they were kept). Written and read as raw documents ({@link RawDocuments}), the date
 * as ISO-8601 text.
 */
public record InvoiceLine(int lineNo, String bookingId, String businessId, String itemNo, String description,
        Instant serviceDate, LocalDate serviceLocalDate, String timeZone,
        BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount, String unitOfMeasure, String genProdPostingGroup,
        String vatProdPostingGroup) {

    /** The same line under another number. */
    InvoiceLine numbered(int newLineNo) {
        return new InvoiceLine(newLineNo, bookingId, businessId, itemNo, description, serviceDate, serviceLocalDate,
                timeZone, quantity, unitPrice, amount, unitOfMeasure, genProdPostingGroup, vatProdPostingGroup);
    }
}
