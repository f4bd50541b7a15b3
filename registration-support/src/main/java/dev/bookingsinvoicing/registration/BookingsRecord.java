package dev.bookingsinvoicing.registration;

/** A record Bookings announces for registration (a customer, a service): its business and its own id there. */
public interface BookingsRecord {

    String businessId();

    /** The record's own id in its business: the Bookings customer's or the service's id. */
    String sourceId();

    /** The key of this record everywhere: {@code businessId/id}. */
    default String reference() {
        return businessId() + "/" + sourceId();
    }
}
