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

    /**
     * What a key of this class names within its business (an appointment's, customer's or service's id; for a
     * booking id, appointment and customer), or "" for a string without a business. A business id is a mailbox,
     * which holds no '/'.
     */
    public static String withinBusiness(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        return slash < 0 ? "" : key.substring(slash + 1);
    }

    /**
     * The appointment key ({@link #appointment}) of a booking id, or null for a string that is no booking id. The
     * customer part (a GUID) holds no '/'.
     */
    public static String appointmentOfBooking(String bookingId) {
        int first = bookingId == null ? -1 : bookingId.indexOf('/');
        int last = bookingId == null ? -1 : bookingId.lastIndexOf('/');
        return first < 0 || last <= first ? null : bookingId.substring(0, last);
    }
}
