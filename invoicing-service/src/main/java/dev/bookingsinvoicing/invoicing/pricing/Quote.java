package dev.bookingsinvoicing.invoicing.pricing;

import java.util.Optional;

/**
 * What the price rule makes of one booking: its price, or none. With none, {@code implausible} says why when the
 * booking's own data cannot be billed as it is (a negative price, an hourly booking without minutes); it is null when
 * the booking simply carries no usable price (price varies, call us, not set, a priced type without a price).
 */
public record Quote(Price price, String implausible) {

    static Quote of(Price price) {
        return new Quote(price, null);
    }

    static Quote none() {
        return new Quote(null, null);
    }

    static Quote implausible(String reason) {
        return new Quote(null, reason);
    }

    public Optional<Price> priced() {
        return Optional.ofNullable(price);
    }
}
