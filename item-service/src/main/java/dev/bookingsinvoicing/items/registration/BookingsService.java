package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;

import dev.bookingsinvoicing.registration.BookingsRecord;

/** A service as Bookings knows it, converted from ServiceDiscovered at the edge. */
public record BookingsService(String businessId, String serviceId, String displayName, String priceType,
        BigDecimal defaultPrice, String currency, boolean hiddenFromCustomers) implements BookingsRecord {

    @Override
    public String sourceId() {
        return serviceId;
    }
}
