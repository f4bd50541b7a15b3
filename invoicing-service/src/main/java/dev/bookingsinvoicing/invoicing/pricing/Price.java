package dev.bookingsinvoicing.invoicing.pricing;

import java.math.BigDecimal;

/** What one booking is invoiced at: quantity (scale 4) x unit price (scale 2) = amount (scale 2). */
public record Price(BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
