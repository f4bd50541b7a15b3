package dev.bookingsinvoicing.sync.graph;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.AttendeeData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;
import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;

/** Converts Graph SDK models to the sync's plain values, applying the fallbacks Graph responses need. */
public final class GraphMapper {

    // Graph answers in Windows zone names unless asked otherwise; the common ones, the rest must be IANA or UTC
    private static final Map<String, String> WINDOWS_ZONES = Map.ofEntries(
            Map.entry("UTC", "UTC"), Map.entry("Coordinated Universal Time", "UTC"),
            Map.entry("W. Europe Standard Time", "Europe/Berlin"), Map.entry("Romance Standard Time", "Europe/Paris"),
            Map.entry("Central Europe Standard Time", "Europe/Budapest"),
            Map.entry("GMT Standard Time", "Europe/London"), Map.entry("Eastern Standard Time", "America/New_York"),
            Map.entry("Central Standard Time", "America/Chicago"), Map.entry("Mountain Standard Time", "America/Denver"),
            Map.entry("Pacific Standard Time", "America/Los_Angeles"));

    private GraphMapper() {
    }

    public static BusinessInfo business(String configuredId, BookingBusiness business) {
        String currency = business.getDefaultCurrencyIso();
        if (currency == null || currency.isBlank()) {
            throw new IllegalStateException("Bookings business " + configuredId + " has no defaultCurrencyIso");
        }
        // keep the configured id: it is the key of every event, whatever case Graph echoes it in
        return new BusinessInfo(configuredId, business.getDisplayName(), currency);
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

    /** Refuses (IllegalArgumentException with the reason) an appointment no event can be made of. */
    public static AppointmentData appointment(BookingAppointment appointment) {
        DateTimeTimeZone start = appointment.getStartDateTime();
        DateTimeTimeZone end = appointment.getEndDateTime();
        if (appointment.getId() == null || appointment.getId().isBlank()) {
            throw new IllegalArgumentException("appointment without id");
        }
        if (appointment.getServiceId() == null || appointment.getServiceId().isBlank()) {
            throw new IllegalArgumentException("appointment " + appointment.getId() + " has no serviceId");
        }
        if (start == null || end == null || start.getDateTime() == null || end.getDateTime() == null) {
            throw new IllegalArgumentException("appointment " + appointment.getId() + " has no start or end time");
        }
        return new AppointmentData(appointment.getId(), appointment.getServiceId(),
                Objects.requireNonNullElse(appointment.getServiceName(), ""), instant(start), instant(end),
                start.getTimeZone(), priceType(appointment.getPriceType()), money(appointment.getPrice()),
                attendees(appointment));
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

    /** Graph's dateTimeTimeZone: a local date-time ("2026-11-01T09:00:00.0000000") in the given zone. */
    static Instant instant(DateTimeTimeZone value) {
        String dateTime = value.getDateTime();
        try {
            return OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(dateTime).atZone(zone(value.getTimeZone())).toInstant();
        }
    }

    static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(WINDOWS_ZONES.getOrDefault(timeZone, timeZone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "' in a Graph dateTimeTimeZone", e);
        }
    }

    static String priceType(BookingPriceType type) {
        return type == null || type == BookingPriceType.UnknownFutureValue ? "undefined" : type.getValue();
    }

    static BigDecimal money(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
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
