package dev.bookingsinvoicing.invoicing.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.pricing.Price;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * The status rules of the view: turns an appointment and whatever registrations are known so far into rows,
 * and recomputes a row when a registration arrives later. Pure: the same inputs give the same rows, whatever
 * order the events came in.
 */
public final class BookingRows {

    static final String NOT_REGISTERED_YET = "customer not registered yet";
    static final String SERVICE_NOT_REGISTERED_YET = "service not registered as an item yet";

    private final Pricing pricing;

    public BookingRows(Pricing pricing) {
        this.pricing = pricing;
    }

    /**
     * One row per attendee (an attendee listed twice is one booking).
     *
     * @param customers registrations known so far, by Keys.customer
     * @param item      the service's registration, or null if none arrived yet
     */
    public List<BookingRow> rowsOf(Appointment appointment, Map<String, CustomerRegistration> customers,
            ItemRegistration item) {
        Map<String, BookingRow> rows = new LinkedHashMap<>();
        for (Attendee attendee : appointment.attendees()) {
            String id = Keys.booking(appointment.businessId(), appointment.appointmentId(),
                    attendee.bookingsCustomerId());
            BookingRow bare = new BookingRow(id, appointment.businessId(), appointment.appointmentId(),
                    attendee.bookingsCustomerId(), appointment.start(), appointment.end(),
                    appointment.durationMinutes(), appointment.timeZone(), appointment.serviceId(),
                    appointment.serviceName(), null, attendee.name(), attendee.emailAddress(), null, null,
                    appointment.priceType().name(), appointment.price(), appointment.currency(), null, null, null,
                    appointment.revision(), null, null);
            rows.putIfAbsent(id, classify(bare,
                    customers.get(Keys.customer(appointment.businessId(), attendee.bookingsCustomerId())), item));
        }
        return new ArrayList<>(rows.values());
    }

    /** The row again, with the registrations now known (either may be null: not arrived yet). */
    public BookingRow classify(BookingRow row, CustomerRegistration customer, ItemRegistration item) {
        boolean customerMatched = customer != null && customer.registered();
        boolean itemMapped = item != null && item.registered();
        Optional<Price> price = pricing.price(BookingPriceType.of(row.priceType()), row.price(),
                row.durationMinutes());

        BookingStatus status;
        String reason;
        if (!customerMatched) {
            status = BookingStatus.UNMATCHED_CUSTOMER;
            reason = customer == null ? NOT_REGISTERED_YET : "customer rejected: " + customer.reason();
        } else if (!itemMapped) {
            status = BookingStatus.UNMAPPED_SERVICE;
            reason = item == null ? SERVICE_NOT_REGISTERED_YET : "service rejected: " + item.reason();
        } else if (price.isEmpty()) {
            status = BookingStatus.NEEDS_PRICE;
            reason = "needs a price (" + row.priceType() + (row.price() == null ? ", no price" : "") + ")";
        } else {
            status = BookingStatus.READY;
            reason = null;
        }
        Price p = price.orElse(null);
        return new BookingRow(row.id(), row.businessId(), row.appointmentId(), row.bookingsCustomerId(), row.start(),
                row.end(), row.durationMinutes(), row.timeZone(), row.serviceId(), row.serviceName(),
                itemMapped ? item.itemNo() : null, row.customerName(), row.customerEmail(),
                customerMatched ? customer.customerNo() : null, customerMatched ? customer.name() : null,
                row.priceType(), row.price(), row.currency(), p == null ? null : p.quantity(),
                p == null ? null : p.unitPrice(), p == null ? null : p.amount(), row.revision(), status, reason);
    }
}
