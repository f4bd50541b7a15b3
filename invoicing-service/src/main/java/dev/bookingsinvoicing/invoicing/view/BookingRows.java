package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.pricing.Price;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.pricing.Quote;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.service.time.GraphTimeZones;

/**
 * The status rules of the view: turns an appointment and whatever registrations are known so far into rows,
 * and recomputes a row when a registration arrives later. Pure: the same inputs give the same rows, whatever
 * order the events came in.
 *
 * <p>Decisions carried over from Business Central, and where we differ:
 * <ul>
 * <li>The appointment's own price wins: Bookings copies the service price onto the appointment when it is booked,
 * and that is what the customer was quoted. The item's unit price (ItemRegistered / ItemUpdated) only fills in when
 * a priced type (fixed, starting at, hourly) arrived without a price. Types that carry no price (price varies, call
 * us, not set) still need a price from an operator (SetBookingPrice).
 * <li>The service name on a row (and so the line description) stays the one on the appointment: Graph keeps the
 * name on each appointment and does not rewrite past appointments when a service is renamed, and BC's line
 * description comes from the booking. ItemUpdated changes the item no. and the fallback price only.
 * <li>The bill-to name follows the customer card (CustomerRegistered / CustomerUpdated); the customer name column
 * is the attendee's name as written on the appointment.
 * <li>A booking's date is its LOCAL date: the appointment's start in the appointment's own time zone (a 17:00
 * booking in Los Angeles is dated that day, not the next UTC day). This class is the one place that computes it
 * ({@link #bareRowsOf}, {@link #withLocalDate}); the API and page filters, the invoice lines and the invoicing
 * commands' date range all use the row's {@code localDate}. The row's {@code timeZone} is the IANA id of that zone;
 * a name that is neither IANA nor a Windows zone (only in events older than the sync's check) falls back to UTC.
 * <li>Implausible prices (a negative price, an hourly booking of zero minutes) make the row NEEDS_PRICE with the
 * reason from {@link Pricing}; an operator's price (SetBookingPrice) prices it like any other such row.
 * </ul>
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
        return bareRowsOf(appointment).stream().map(bare -> classify(bare,
                customers.get(Keys.customer(bare.businessId(), bare.bookingsCustomerId())), item)).toList();
    }

    /** The rows of an appointment before any registration is applied (status null). */
    public List<BookingRow> bareRowsOf(Appointment appointment) {
        Map<String, BookingRow> rows = new LinkedHashMap<>();
        ZoneId zone = zoneOf(appointment.timeZone());
        String localDate = LocalDate.ofInstant(appointment.start(), zone).toString();
        for (Attendee attendee : appointment.attendees()) {
            String id = Keys.booking(appointment.businessId(), appointment.appointmentId(),
                    attendee.bookingsCustomerId());
            rows.putIfAbsent(id, new BookingRow(id, appointment.businessId(), appointment.appointmentId(),
                    attendee.bookingsCustomerId(), appointment.start(), appointment.end(),
                    appointment.durationMinutes(), GraphTimeZones.ianaId(zone), localDate, appointment.serviceId(),
                    appointment.serviceName(), null, attendee.name(), attendee.emailAddress(), null, null,
                    appointment.priceType().name(), appointment.price(), appointment.currency(), null, null, null,
                    appointment.revision(), null, null));
        }
        return new ArrayList<>(rows.values());
    }

    /** The row again, with the registrations now known (either may be null: not arrived yet). */
    public BookingRow classify(BookingRow row, CustomerRegistration customer, ItemRegistration item) {
        return classify(row, customer, null, item, null);
    }

    /**
     * The row again, with everything known now. An operator's association stands in for a missing or rejected
     * registration; a price override prices a booking only while its own price type gives none.
     */
    public BookingRow classify(BookingRow row, CustomerRegistration customer, CustomerAssociation association,
            ItemRegistration item, PriceOverride override) {
        boolean registered = customer != null && customer.registered();
        boolean customerMatched = registered || association != null;
        String customerNo = registered ? customer.customerNo() : association != null ? association.customerNo() : null;
        String billTo = registered ? customer.name()
                : association != null && association.customerName() != null ? association.customerName()
                        : row.customerName();
        boolean itemMapped = item != null && item.registered();
        Quote own = ownQuote(row, item);
        Optional<Price> price = own.priced();
        if (price.isEmpty() && override != null) {
            price = Optional.of(pricing.given(override.quantity(), override.unitPrice(), row.currency()));
        }

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
            reason = own.implausible() != null ? own.implausible()
                    : "needs a price (" + row.priceType() + (row.price() == null ? ", no price" : "") + ")";
        } else {
            status = BookingStatus.READY;
            reason = null;
        }
        Price p = price.orElse(null);
        // a row stored before the view kept local dates gets its date when it is recomputed
        BookingRow dated = withLocalDate(row);
        return new BookingRow(row.id(), row.businessId(), row.appointmentId(), row.bookingsCustomerId(), row.start(),
                row.end(), row.durationMinutes(), dated.timeZone(), dated.localDate(), row.serviceId(),
                row.serviceName(), itemMapped ? item.itemNo() : null, row.customerName(), row.customerEmail(),
                customerMatched ? customerNo : null, customerMatched ? billTo : null,
                row.priceType(), row.price(), row.currency(), p == null ? null : p.quantity(),
                p == null ? null : p.unitPrice(), p == null ? null : p.amount(), row.revision(), status, reason);
    }

    /** The price from the appointment alone (or the item's price when a priced appointment came without one). */
    public Optional<Price> ownPrice(BookingRow row, ItemRegistration item) {
        return ownQuote(row, item).priced();
    }

    private Quote ownQuote(BookingRow row, ItemRegistration item) {
        BigDecimal basis = row.price();
        if (basis == null && item != null && item.registered()) {
            basis = item.unitPrice();
        }
        return pricing.quote(BookingPriceType.of(row.priceType()), basis, row.durationMinutes(), row.currency());
    }

    /**
     * The row with its local date and its zone as an IANA id: as it is when it has a date, else computed from its start
     * and zone name (rows stored before the view kept local dates, which only a rebuild or a recomputation dates).
     */
    public static BookingRow withLocalDate(BookingRow row) {
        if (row.localDate() != null || row.start() == null) {
            return row;
        }
        ZoneId zone = zoneOf(row.timeZone());
        String localDate = LocalDate.ofInstant(row.start(), zone).toString();
        return new BookingRow(row.id(), row.businessId(), row.appointmentId(), row.bookingsCustomerId(), row.start(),
                row.end(), row.durationMinutes(), GraphTimeZones.ianaId(zone), localDate, row.serviceId(), row.serviceName(),
                row.itemNo(), row.customerName(), row.customerEmail(), row.customerNo(), row.billToName(),
                row.priceType(), row.price(), row.currency(), row.quantity(), row.unitPrice(), row.amount(),
                row.revision(), row.status(), row.reason());
    }

    /**
     * The zone of an appointment's time zone name, read as Graph writes it (IANA or Windows, blank = UTC); a name
     * that is neither falls back to UTC, since a booking needs a date and the sync quarantines such appointments now.
     */
    public static ZoneId zoneOf(String timeZone) {
        try {
            return GraphTimeZones.resolve(timeZone);
        } catch (GraphTimeZones.UnknownTimeZoneException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
