package dev.bookingsinvoicing.invoicing.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * Prices one booking by the price type of its appointment.
 *
 * <p>Business Central bills hours x price for every price type, so a 30-minute fixed-price service at 10.00
 * becomes 5.00. We bill what the customer was quoted: fixed and "starting at" prices once, hourly prices per
 * hour, free services at zero; types that carry no usable price (priceVaries, callUs, notSet, undefined, or a
 * priced type without a price) are not invoiced until someone gives a price.
 *
 * <p>Money is exact. An amount is rounded once, half up, to the currency's minor units ({@link #minorUnits}: JPY 0,
 * EUR 2, KWD 3), and an hourly amount is computed from the minutes (minutes x price / 60), not from the rounded
 * quantity: 40 minutes at 150.00 is 100.00, 20 minutes at 1000.00 is 333.33. Quantities keep 5 decimals and unit
 * prices the decimals they were given (at least the currency's, at most 5), as Business Central keeps them.
 *
 * <p>Implausible data is never billed as it is, and never silently: a negative price (of a type whose price is
 * billed) and an hourly booking of zero or fewer minutes give no price, with the reason, so the booking waits for an
 * operator's price instead of becoming a negative amount or a zero amount made from nothing.
 */
public final class Pricing {

    /** Decimals of quantities and, at most, of unit prices: Business Central's precision (0.00001). */
    public static final int QUANTITY_SCALE = 5;

    /** Minor units of a currency code Java does not know (or one without minor units, such as XAU). */
    static final int DEFAULT_MINOR_UNITS = 2;

    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    /** The price, or empty when the booking needs a price before it can be invoiced. */
    public Optional<Price> price(BookingPriceType type, BigDecimal price, long durationMinutes, String currency) {
        return quote(type, price, durationMinutes, currency).priced();
    }

    /** The price, or none, with the reason when the booking's data is implausible. */
    public Quote quote(BookingPriceType type, BigDecimal price, long durationMinutes, String currency) {
        int minor = minorUnits(currency);
        return switch (type) {
            case fixedPrice, startingAt -> price == null ? Quote.none()
                    : price.signum() < 0 ? negative(price, minor)
                    : Quote.of(new Price(BigDecimal.ONE.setScale(QUANTITY_SCALE), unitPrice(price, minor),
                            price.setScale(minor, RoundingMode.HALF_UP)));
            case hourly -> price != null && price.signum() < 0 ? negative(price, minor)
                    : durationMinutes <= 0 ? Quote.implausible("hourly booking of " + durationMinutes + " minutes")
                    : price == null ? Quote.none()
                    : Quote.of(hourly(price, durationMinutes, minor));
            case free -> Quote.of(new Price(BigDecimal.ONE.setScale(QUANTITY_SCALE), BigDecimal.ZERO.setScale(minor),
                    BigDecimal.ZERO.setScale(minor)));
            case priceVaries, callUs, notSet, undefined -> Quote.none();
        };
    }

    /** A price given by hand (SetBookingPrice): quantity x unit price, rounded once to the currency's minor units. */
    public Price given(BigDecimal quantity, BigDecimal unitPrice, String currency) {
        int minor = minorUnits(currency);
        BigDecimal q = quantity.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
        BigDecimal p = unitPrice(unitPrice, minor);
        return new Price(q, p, q.multiply(p).setScale(minor, RoundingMode.HALF_UP));
    }

    /**
     * The currency's minor units as ISO 4217 (through {@link Currency}) has them: JPY 0, EUR 2, KWD 3. A code Java does
     * not know, or one without minor units, counts as {@value #DEFAULT_MINOR_UNITS}.
     */
    public static int minorUnits(String currency) {
        if (currency == null || currency.isBlank()) {
            return DEFAULT_MINOR_UNITS;
        }
        try {
            int digits = Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT))
                    .getDefaultFractionDigits();
            return digits < 0 ? DEFAULT_MINOR_UNITS : digits;
        } catch (IllegalArgumentException notACurrency) {
            return DEFAULT_MINOR_UNITS;
        }
    }

    /** Hours to 5 decimals; the amount from the minutes, rounded once. */
    private static Price hourly(BigDecimal price, long minutes, int minor) {
        BigDecimal exactMinutes = BigDecimal.valueOf(minutes);
        BigDecimal quantity = exactMinutes.divide(MINUTES_PER_HOUR, QUANTITY_SCALE, RoundingMode.HALF_UP);
        BigDecimal amount = price.multiply(exactMinutes).divide(MINUTES_PER_HOUR, minor, RoundingMode.HALF_UP);
        return new Price(quantity, unitPrice(price, minor), amount);
    }

    /** The unit price with the decimals it was given, at least the currency's, at most 5. */
    private static BigDecimal unitPrice(BigDecimal price, int minor) {
        int given = Math.max(0, price.stripTrailingZeros().scale());
        return price.setScale(Math.min(QUANTITY_SCALE, Math.max(minor, given)), RoundingMode.HALF_UP);
    }

    private static Quote negative(BigDecimal price, int minor) {
        return Quote.implausible("negative price " + unitPrice(price, minor).toPlainString() + " in Bookings");
    }
}
