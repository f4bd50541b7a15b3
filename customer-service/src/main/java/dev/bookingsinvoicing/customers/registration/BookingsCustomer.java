package dev.bookingsinvoicing.customers.registration;

/** A customer as Bookings knows it (a person), converted from CustomerDiscovered at the edge. */
public record BookingsCustomer(String businessId, String bookingsCustomerId, String displayName, String emailAddress,
        String phone, Address address) {

    /** A postal address; any part may be missing. */
    public record Address(String street, String city, String state, String postalCode, String countryOrRegion) {
    }

    /** The key of this Bookings customer everywhere: {@code businessId/bookingsCustomerId}. */
    public String reference() {
        return businessId + "/" + bookingsCustomerId;
    }
}
