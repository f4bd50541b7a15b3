package dev.bookingsinvoicing.invoicing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Prices one booking by the price type of its appointment.
 *
 * <p>Business Central bills hours x price for every price type, so a 30-minute fixed-price service at 10.00
 * becomes 5.00. We bill what the customer was quoted: fixed and "starting at" prices once, hourly prices per
 * hour, free services at zero; types that carry no usable price (priceVaries, callUs, notSet, undefined, or a
 * priced type without a price) are not invoiced until someone gives a price.
 */
public final class Pricing {

    static final int QUANTITY_SCALE = 4;
    static final int MONEY_SCALE = 2;
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    /** The price, or empty when the booking needs a price before it can be invoiced. */
    public Optional<Price> price(BookingPriceType type, BigDecimal price, long durationMinutes) {
        return switch (type) {
            case fixedPrice, startingAt -> price == null ? Optional.empty()
                    : Optional.of(of(BigDecimal.ONE, price));
            case hourly -> price == null ? Optional.empty()
                    : Optional.of(of(BigDecimal.valueOf(durationMinutes).divide(MINUTES_PER_HOUR, QUANTITY_SCALE,
                            RoundingMode.HALF_UP), price));
            case free -> Optional.of(of(BigDecimal.ONE, BigDecimal.ZERO));
            case priceVaries, callUs, notSet, undefined -> Optional.empty();
        };
    }

    /** A price given by hand (SetBookingPrice): quantity x unit price, with the usual scales. */
    public Price given(BigDecimal quantity, BigDecimal unitPrice) {
        return of(quantity, unitPrice);
    }

    private static Price of(BigDecimal quantity, BigDecimal unitPrice) {
        BigDecimal q = quantity.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
        BigDecimal p = unitPrice.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        return new Price(q, p, q.multiply(p).setScale(MONEY_SCALE, RoundingMode.HALF_UP));
    }
}
