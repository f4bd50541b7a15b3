package dev.bookingsinvoicing.invoicing.pricing;

import java.math.BigDecimal;

/**
 * What one booking is invoiced at: quantity (5 decimals), unit price (the currency's decimals or more, at most 5) and
 * amount (rounded once to the currency's minor units). The amount is not always quantity x unit price re-rounded: an
 * hourly amount comes from the minutes (see {@link Pricing}).
 */
public record Price(BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
