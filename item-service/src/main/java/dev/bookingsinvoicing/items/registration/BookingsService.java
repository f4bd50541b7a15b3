package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;

/** A service as Bookings knows it, converted from ServiceDiscovered at the edge. */
public record BookingsService(String businessId, String serviceId, String displayName, String priceType,
        BigDecimal defaultPrice, String currency, boolean hiddenFromCustomers) {

    /** The key of this service everywhere: {@code businessId/serviceId}. */
    public String reference() {
        return businessId + "/" + serviceId;
    }
}
