package dev.bookingsinvoicing.invoicing.view;

/** Whether a booking can be invoiced now, and if not, what is missing. */
public enum BookingStatus {
    READY, UNMATCHED_CUSTOMER, UNMAPPED_SERVICE, NEEDS_PRICE
}
