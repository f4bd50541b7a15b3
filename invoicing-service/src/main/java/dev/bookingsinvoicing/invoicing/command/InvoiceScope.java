package dev.bookingsinvoicing.invoicing.command;

/** Which bookings an InvoiceBookings command takes: every ready one, the selected ones, or one customer's. */
public enum InvoiceScope {
    ALL, SELECTED, CUSTOMER
}
