package dev.bookingsinvoicing.invoicing.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One booking on a draft invoice: {@code serviceDate} is the appointment's start, {@code serviceLocalDate} its date in
 * the appointment's zone {@code timeZone} (an IANA id), the date the description names. Lines stored before local
 * dates have neither. Written and read as raw documents ({@link RawDocuments}), the date as ISO-8601 text.
 */
public record InvoiceLine(int lineNo, String bookingId, String businessId, String itemNo, String description,
        Instant serviceDate, LocalDate serviceLocalDate, String timeZone,
        BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
