package dev.bookingsinvoicing.schemas;

/** Record keys, formed one way everywhere so that per-aggregate ordering holds across services. */
public final class Keys {

    private Keys() {
    }

    public static String appointment(String businessId, String appointmentId) {
        return businessId + "/" + appointmentId;
    }

    public static String customer(String businessId, String bookingsCustomerId) {
        return businessId + "/" + bookingsCustomerId;
    }

    public static String service(String businessId, String serviceId) {
        return businessId + "/" + serviceId;
    }

    /** A quarantined Bookings record; kind is the lower-case BookingsRecordKind (appointment, customer, service). */
    public static String quarantined(String businessId, String kind, String recordId) {
        return businessId + "/" + kind + "/" + recordId;
    }

    /** The unit of invoicing: one attendee of one appointment. */
    public static String booking(String businessId, String appointmentId, String bookingsCustomerId) {
        return businessId + "/" + appointmentId + "/" + bookingsCustomerId;
    }

    /** The business a key of this class (a booking id too) begins with, or "" for a string without one. */
    public static String businessOf(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }
}
