package dev.bookingsinvoicing.sync.graph;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.microsoft.graph.models.BookingAppointment;
import com.microsoft.graph.models.BookingBusiness;
import com.microsoft.graph.models.BookingCustomer;
import com.microsoft.graph.models.BookingCustomerInformation;
import com.microsoft.graph.models.BookingPriceType;
import com.microsoft.graph.models.BookingService;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Phone;
import com.microsoft.graph.models.PhysicalAddress;
import com.microsoft.kiota.PeriodAndDuration;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;

import dev.bookingsinvoicing.schemas.DecimalFields;
import dev.bookingsinvoicing.service.time.GraphTimeZones;
import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.AttendeeData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;
import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;

/** Converts Graph SDK models to the sync's plain values, applying the fallbacks Graph responses need. */
public final class GraphMapper {

    private GraphMapper() {
    }

    public static BusinessInfo business(String configuredId, BookingBusiness business) {
        String currency = business.getDefaultCurrencyIso();
        if (currency == null || currency.isBlank()) {
            throw new IllegalStateException("Bookings business " + configuredId + " has no defaultCurrencyIso");
        }
        String zoneName = business.getBookingPageSettings() == null ? null
                : blankToNull(business.getBookingPageSettings().getBusinessTimeZone());
        String zone = null;
        if (zoneName != null) {
            try {
                zone = GraphTimeZones.ianaId(zoneName);
            } catch (GraphTimeZones.UnknownTimeZoneException e) {
                // reported by the run as a warning; appointments then keep the zone they are written in
            }
        }
        // keep the configured id: it is the key of every event, whatever case Graph echoes it in
        return new BusinessInfo(configuredId, business.getDisplayName(), currency, zone,
                zone == null ? zoneName : null);
    }

    public static ServiceData service(BookingService service) {
        if (service.getId() == null || service.getId().isBlank()) {
            throw new IllegalArgumentException("service without id");
        }
        return new ServiceData(service.getId(), Objects.requireNonNullElse(service.getDisplayName(), service.getId()),
                priceType(service.getDefaultPriceType()), money(service.getDefaultPrice()),
                minutes(service.getDefaultDuration()),
                service.getMaximumAttendeesCount() == null ? 1 : Math.max(1, service.getMaximumAttendeesCount()),
                Boolean.TRUE.equals(service.getIsHiddenFromCustomers()));
    }

    public static CustomerData customer(BookingCustomer customer) {
        if (customer.getId() == null || customer.getId().isBlank()) {
            throw new IllegalArgumentException("customer without id");
        }
        PhysicalAddress address = first(customer.getAddresses());
        Phone phone = first(customer.getPhones());
        return new CustomerData(customer.getId(),
                Objects.requireNonNullElse(customer.getDisplayName(), customer.getId()),
                blankToNull(customer.getEmailAddress()), phone == null ? null : blankToNull(phone.getNumber()),
                address == null ? null : blankToNull(address.getStreet()),
                address == null ? null : blankToNull(address.getCity()),
                address == null ? null : blankToNull(address.getState()),
                address == null ? null : blankToNull(address.getPostalCode()),
                address == null ? null : blankToNull(address.getCountryOrRegion()));
    }

    /**
     * Refuses (IllegalArgumentException with the reason) an appointment no event can be made of. Start and end are
     * read from {@code startDateTime}/{@code endDateTime} (the SDK's model) or, where a response has them instead,
     * from {@code start}/{@code end} (the calendarView sample of Microsoft's API reference).
     *
     * @param businessZone IANA id of the business's time zone, or null: the zone of an appointment Graph writes in
     *                     UTC (as it does unless asked otherwise), so that its date is the business's local date
     */
    public static AppointmentData appointment(BookingAppointment appointment, String businessZone) {
        if (appointment.getId() == null || appointment.getId().isBlank()) {
            throw new IllegalArgumentException("appointment without id");
        }
        if (appointment.getServiceId() == null || appointment.getServiceId().isBlank()) {
            throw new IllegalArgumentException("appointment " + appointment.getId() + " has no serviceId");
        }
        DateTimeTimeZone start = dateTimeTimeZone(appointment.getStartDateTime(), appointment, "start");
        DateTimeTimeZone end = dateTimeTimeZone(appointment.getEndDateTime(), appointment, "end");
        if (start == null || end == null || start.getDateTime() == null || end.getDateTime() == null) {
            throw new IllegalArgumentException("appointment " + appointment.getId() + " has no start or end time");
        }
        return new AppointmentData(appointment.getId(), appointment.getServiceId(),
                Objects.requireNonNullElse(appointment.getServiceName(), ""), instant(start), instant(end),
                zoneId(start, businessZone), priceType(appointment.getPriceType()), money(appointment.getPrice()),
                attendees(appointment));
    }

    /**
     * The appointment's zone (its start's), as it travels in events: the IANA id of the named zone; with no name, the
     * offset the date-time carries. Written in UTC (by name, "Z" or no zone at all), it is the business's zone when
     * that is known: UTC is how Graph transports a time, not where the appointment takes place.
     */
    static String zoneId(DateTimeTimeZone start, String businessZone) {
        String zone = "UTC";
        if (start.getTimeZone() != null && !start.getTimeZone().isBlank()) {
            zone = GraphTimeZones.ianaId(start.getTimeZone());
        } else {
            try {
                zone = GraphTimeZones.ianaId(OffsetDateTime.parse(start.getDateTime().trim()).getOffset());
            } catch (DateTimeParseException noOffset) {
                // local time without a zone name: Graph's default, UTC
            }
        }
        return zone.equals("UTC") && businessZone != null ? businessZone : zone;
    }

    /** The typed property, or the same dateTimeTimeZone under its other documented key (left in additionalData). */
    private static DateTimeTimeZone dateTimeTimeZone(DateTimeTimeZone typed, BookingAppointment appointment,
            String otherKey) {
        if (typed != null) {
            return typed;
        }
        Object other = appointment.getAdditionalData().get(otherKey);
        if (other instanceof UntypedObject object) {
            Map<String, UntypedNode> fields = object.getValue();
            DateTimeTimeZone value = new DateTimeTimeZone();
            value.setDateTime(text(fields.get("dateTime")));
            value.setTimeZone(text(fields.get("timeZone")));
            return value;
        }
        return null;
    }

    private static String text(UntypedNode node) {
        return node instanceof UntypedString string ? string.getValue() : null;
    }

    /**
     * The {@code customers} collection is authoritative (several for a group service); responses without it fall
     * back to the legacy top-level customer fields.
     */
    static List<AttendeeData> attendees(BookingAppointment appointment) {
        List<AttendeeData> attendees = appointment.getCustomers() == null ? List.of()
                : appointment.getCustomers().stream().filter(BookingCustomerInformation.class::isInstance)
                        .map(BookingCustomerInformation.class::cast).filter(c -> c.getCustomerId() != null)
                        .map(c -> new AttendeeData(c.getCustomerId(), blankToNull(c.getName()),
                                blankToNull(c.getEmailAddress()), blankToNull(c.getPhone())))
                        .toList();
        if (!attendees.isEmpty()) {
            return attendees;
        }
        Object legacyId = appointment.getAdditionalData().get("customerId");
        if (legacyId instanceof String id && !id.isBlank()) {
            return List.of(new AttendeeData(id, blankToNull(appointment.getCustomerName()),
                    blankToNull(appointment.getCustomerEmailAddress()), blankToNull(appointment.getCustomerPhone())));
        }
        return List.of();
    }

    /**
     * Graph's dateTimeTimeZone: a date-time with an offset or "Z" is that instant; without one
     * ("2026-11-01T09:00:00.0000000") it is local time in the given zone (Windows or IANA name, blank = UTC).
     */
    static Instant instant(DateTimeTimeZone value) {
        String dateTime = value.getDateTime().trim();
        try {
            return OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                return LocalDateTime.parse(dateTime).atZone(GraphTimeZones.resolve(value.getTimeZone())).toInstant();
            } catch (DateTimeParseException unreadable) {
                throw new IllegalArgumentException("unreadable dateTime '" + dateTime + "'", unreadable);
            }
        }
    }

    static String priceType(BookingPriceType type) {
        return type == null || type == BookingPriceType.UnknownFutureValue ? "undefined" : type.getValue();
    }

    /**
     * Graph's price (a double) as the decimal it was typed as (12.345 stays 12.345, for a three-decimal currency), to
     * at most 5 decimals: rounding happens once, where the amount is computed, not here.
     */
    static BigDecimal money(Double value) {
        return value == null ? null : DecimalFields.exact(BigDecimal.valueOf(value));
    }

    static int minutes(PeriodAndDuration duration) {
        if (duration == null) {
            return 0;
        }
        return Math.toIntExact(duration.getPeriod().toTotalMonths() * 30 * 24 * 60
                + duration.getPeriod().getDays() * 24L * 60 + duration.getDuration().toMinutes());
    }

    private static <T> T first(List<T> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
