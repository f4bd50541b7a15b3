package dev.bookingsinvoicing.customers.registration;

import dev.bookingsinvoicing.registration.BookingsRecord;

/** A customer as Bookings knows it (a person), converted from CustomerDiscovered at the edge. */
public record BookingsCustomer(String businessId, String bookingsCustomerId, String displayName, String emailAddress,
        String phone, Address address) implements BookingsRecord {

    /** A postal address; any part may be missing. */
    public record Address(String street, String city, String state, String postalCode, String countryOrRegion) {
    }

    @Override
    public String sourceId() {
        return bookingsCustomerId;
    }
}
