package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Instant;

/** One booking on a draft invoice. */
public record InvoiceLine(int lineNo, String bookingId, String businessId, String itemNo, String description,
        Instant serviceDate, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
