package dev.bookingsinvoicing.sync.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;

/** What one sync run reads from one Bookings business, as plain values independent of the Graph SDK. */
public final class BookingsData {

    private BookingsData() {
    }

    /**
     * The business (its id is the mailbox address), its currency and its time zone.
     *
     * @param timeZone        IANA id of the business's time zone (Graph's bookingPageSettings.businessTimeZone), or
     *                        null when Graph gives none or one no mapping knows
     * @param unknownTimeZone the business time zone name Graph gave that no mapping knows, else null
     */
    public record BusinessInfo(String id, String displayName, String currency, String timeZone,
            String unknownTimeZone) {
    }

    /** A Bookings service; priceType is Graph's bookingPriceType name. */
    public record ServiceData(String id, String displayName, String priceType, BigDecimal defaultPrice,
            int defaultDurationMinutes, int maximumAttendeesCount, boolean hiddenFromCustomers) {
    }

    /** A Bookings customer with its first address and phone. */
    public record CustomerData(String id, String displayName, String emailAddress, String phone, String street,
            String city, String state, String postalCode, String countryOrRegion) {
    }

    /** One attendee of an appointment. */
    public record AttendeeData(String customerId, String name, String emailAddress, String phone) {
    }

    /**
     * An appointment; price is null when Bookings gives none, timeZone is the IANA id of the zone Graph wrote its
     * start in (its local date is the booking's date).
     */
    public record AppointmentData(String id, String serviceId, String serviceName, Instant start, Instant end,
            String timeZone, String priceType, BigDecimal price, List<AttendeeData> attendees) {

        public AppointmentData {
            attendees = List.copyOf(attendees);
        }

        /** Graph has no "completed" status: an appointment is completed once its end has passed. */
        public boolean completedAt(Instant now) {
            return !end.isAfter(now);
        }

        /**
         * Why this appointment cannot be billed as Bookings has it, or empty: one that ends before it starts has no
         * duration to bill, and one without attendees has nobody to bill. Such an appointment is quarantined, not
         * published. (Prices, including negative ones, are the invoicing rules' to judge.)
         */
        public Optional<String> implausibility() {
            if (end.isBefore(start)) {
                return Optional.of("ends before it starts (start " + start + ", end " + end + ")");
            }
            if (attendees.isEmpty()) {
                return Optional.of("no attendees: nobody to bill");
            }
            return Optional.empty();
        }
    }

    /**
     * A record Graph returned that cannot be used (unreadable, or it failed a rule), with the reason; it is
     * quarantined until a later run reads it successfully or Bookings no longer has it.
     */
    public record Rejection(Kind kind, String id, String reason) {
    }

    /** What one page (or a whole collection) gave: the usable items and the rejected ones. */
    public record Page<T>(List<T> items, List<Rejection> rejected) {

        public Page {
            items = List.copyOf(items);
            rejected = List.copyOf(rejected);
        }
    }

    /** Everything read for one business in one run. */
    public record BusinessSnapshot(BusinessInfo business, List<ServiceData> services, List<CustomerData> customers,
            List<AppointmentData> appointments) {

        public BusinessSnapshot {
            services = List.copyOf(services);
            customers = List.copyOf(customers);
            appointments = List.copyOf(appointments);
        }
    }
}
