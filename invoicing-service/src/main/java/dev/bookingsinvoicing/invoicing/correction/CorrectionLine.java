package dev.bookingsinvoicing.invoicing.correction;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A booking's invoice line, as invoiced or as it would be now: what a correction compares and a credit note credits.
 * Money and quantities as {@link dev.bookingsinvoicing.invoicing.pricing.Pricing} made them; quantity, unit price and
 * amount are null for a line that cannot be priced now. {@code serviceLocalDate} is ISO-8601 text, as the view keeps
 * dates. {@code customerNo} is the customer the booking bills to (null when it is not matched now).
 */
public record CorrectionLine(int lineNo, String customerNo, String businessId, String itemNo, String description,
        Instant serviceDate, String serviceLocalDate, String timeZone, BigDecimal quantity, BigDecimal unitPrice,
        BigDecimal amount, String unitOfMeasure, String genProdPostingGroup, String vatProdPostingGroup) {
}
