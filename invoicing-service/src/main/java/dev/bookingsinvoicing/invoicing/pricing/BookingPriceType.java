package dev.bookingsinvoicing.invoicing.pricing;

/** How a Bookings service is priced (Graph bookingPriceType), as the invoicing domain sees it. */
public enum BookingPriceType {
    undefined, fixedPrice, startingAt, hourly, free, priceVaries, callUs, notSet;

    /** Unknown or missing names read as {@link #undefined}, like the Avro enum's default. */
    public static BookingPriceType of(String name) {
        if (name == null) {
            return undefined;
        }
        for (BookingPriceType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return undefined;
    }
}
