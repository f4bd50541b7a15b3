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
 *
 * <p>Implausible data is never billed as it is, and never silently: a negative price (of a type whose price is
 * billed) and an hourly booking of zero or fewer minutes give no price, with the reason, so the booking waits for an
 * operator's price instead of becoming a negative amount or a zero amount made from nothing.
 */
public final class Pricing {

    static final int QUANTITY_SCALE = 4;
    static final int MONEY_SCALE = 2;
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    /** The price, or empty when the booking needs a price before it can be invoiced. */
    public Optional<Price> price(BookingPriceType type, BigDecimal price, long durationMinutes) {
        return quote(type, price, durationMinutes).priced();
    }

    /** The price, or none, with the reason when the booking's data is implausible. */
    public Quote quote(BookingPriceType type, BigDecimal price, long durationMinutes) {
        return switch (type) {
            case fixedPrice, startingAt -> price == null ? Quote.none()
                    : price.signum() < 0 ? negative(price)
                    : Quote.of(of(BigDecimal.ONE, price));
            case hourly -> price != null && price.signum() < 0 ? negative(price)
                    : durationMinutes <= 0 ? Quote.implausible("hourly booking of " + durationMinutes + " minutes")
                    : price == null ? Quote.none()
                    : Quote.of(of(BigDecimal.valueOf(durationMinutes).divide(MINUTES_PER_HOUR, QUANTITY_SCALE,
                            RoundingMode.HALF_UP), price));
            case free -> Quote.of(of(BigDecimal.ONE, BigDecimal.ZERO));
            case priceVaries, callUs, notSet, undefined -> Quote.none();
        };
    }

    /** A price given by hand (SetBookingPrice): quantity x unit price, with the usual scales. */
    public Price given(BigDecimal quantity, BigDecimal unitPrice) {
        return of(quantity, unitPrice);
    }

    private static Quote negative(BigDecimal price) {
        return Quote.implausible("negative price " + price.setScale(MONEY_SCALE, RoundingMode.HALF_UP).toPlainString()
                + " in Bookings");
    }

    private static Price of(BigDecimal quantity, BigDecimal unitPrice) {
        BigDecimal q = quantity.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
        BigDecimal p = unitPrice.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
        return new Price(q, p, q.multiply(p).setScale(MONEY_SCALE, RoundingMode.HALF_UP));
    }
}
