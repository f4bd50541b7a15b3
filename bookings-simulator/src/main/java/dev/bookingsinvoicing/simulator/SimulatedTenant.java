package dev.bookingsinvoicing.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The live data of the simulated Microsoft 365 tenant, as plain records; what the HTTP endpoints serve and what
 * tests compare against. Thread-safe: tests mutate it while the server reads it.
 *
 * <p>It is the truth a test computes its expectations from: an appointment keeps its real instants and its real
 * (IANA) zone next to the zone name and date-time shape Graph writes. Unless switched off
 * ({@link SimulatorSettings#implausibleRecords()}), every business also holds five completed appointments that no
 * reader may bill as they are: one that ends before it starts, one at a fixed price of -10.00, one without attendees,
 * an hourly one of zero minutes, and one written in the time zone "Mars Standard Time".
 */
public final class SimulatedTenant {

    /** A postal address (Graph physicalAddress). */
    public record Address(String street, String city, String state, String postalCode, String countryOrRegion) {
    }

    /** A Bookings customer (Graph bookingCustomer); emailAddress may be null. */
    public record Customer(String id, String displayName, String emailAddress, String phone, Address address) {
    }

    /**
     * A Bookings service (Graph bookingService); priceType is Graph's bookingPriceType name (fixedPrice, hourly ...).
     */
    public record Service(String id, String displayName, BigDecimal defaultPrice, String priceType,
            Duration defaultDuration, int maximumAttendeesCount, boolean hiddenFromCustomers) {
    }

    /** One customer of an appointment (Graph bookingCustomerInformation). */
    public record Attendee(String customerId, String name, String emailAddress, String phone) {
    }

    /**
     * How Graph writes a dateTimeTimeZone's {@code dateTime}: always seven fractional digits.
     */
    public enum DateTimeShape {
        /** The wall time in the named zone, no offset: {@code 2026-11-01T09:00:00.0000000}. */
        LOCAL,
        /** The wall time in the named zone with that zone's offset at the time: {@code 2026-11-01T09:00:00.0000000+09:00}. */
        OFFSET,
        /** UTC with a {@code Z}: {@code 2026-11-01T08:00:00.0000000Z}; the zone name is then "UTC". */
        UTC
    }

    /**
     * A Bookings appointment (Graph bookingAppointment); price null when Bookings has none (priceVaries ...).
     *
     * @param start         the real instant it starts (what any correct reading of the served JSON gives)
     * @param end           the real instant it ends (before start for a deliberately implausible one)
     * @param zone          the real zone it was booked in, the one whose calendar day is its date (for one Graph writes
     *                      in UTC, the business's time zone when it has one); null when the name Graph writes is no
     *                      zone at all ("Mars Standard Time": its wall time is then served as if it were UTC's)
     * @param timeZoneName  the name Graph writes in dateTimeTimeZone.timeZone: a Windows zone name, an IANA id or UTC
     * @param dateTimeShape how the dateTime string is written
     */
    public record Appointment(String id, String serviceId, String serviceName, Instant start, Instant end,
            BigDecimal price, String priceType, int maximumAttendeesCount, List<Attendee> attendees, ZoneId zone,
            String timeZoneName, DateTimeShape dateTimeShape) {

        public Appointment {
            attendees = List.copyOf(attendees);
            Objects.requireNonNull(timeZoneName, "timeZoneName");
            Objects.requireNonNull(dateTimeShape, "dateTimeShape");
            if (dateTimeShape == DateTimeShape.UTC && !timeZoneName.equals("UTC")) {
                throw new IllegalArgumentException("a dateTime with Z is written in UTC, not in " + timeZoneName);
            }
        }

        /** Whether Graph writes its times in UTC (then its date is its business's, if the business has a zone). */
        public boolean writtenInUtc() {
            return timeZoneName.equals("UTC");
        }

        /** The zone its times are written in. */
        public ZoneId writtenZone() {
            return writtenInUtc() ? ZoneOffset.UTC : zone;
        }

        /** The same appointment, dated in the business's zone if Graph writes it in UTC. */
        Appointment inBusinessZone(ZoneId businessZone) {
            return businessZone == null || !writtenInUtc() ? this
                    : new Appointment(id, serviceId, serviceName, start, end, price, priceType, maximumAttendeesCount,
                            attendees, businessZone, timeZoneName, dateTimeShape);
        }

        /** An appointment booked and written in UTC, as the simulator served every appointment before zones. */
        public Appointment(String id, String serviceId, String serviceName, Instant start, Instant end,
                BigDecimal price, String priceType, int maximumAttendeesCount, List<Attendee> attendees) {
            this(id, serviceId, serviceName, start, end, price, priceType, maximumAttendeesCount, attendees,
                    ZoneId.of("UTC"), "UTC", DateTimeShape.LOCAL);
        }

        public Appointment withPrice(BigDecimal newPrice) {
            return new Appointment(id, serviceId, serviceName, start, end, newPrice, priceType, maximumAttendeesCount,
                    attendees, zone, timeZoneName, dateTimeShape);
        }

        public Appointment withAttendees(List<Attendee> newAttendees) {
            return new Appointment(id, serviceId, serviceName, start, end, price, priceType, maximumAttendeesCount,
                    newAttendees, zone, timeZoneName, dateTimeShape);
        }

        public Duration duration() {
            return Duration.between(start, end);
        }
    }

    /**
     * A snapshot of one Bookings business with everything in it. The id is its mailbox address; timeZoneName is the
     * Windows name Graph gives as its bookingPageSettings.businessTimeZone and timeZone the zone it is (both null for
     * a business without one).
     */
    public record Business(String id, String displayName, String currency, String email, String phone,
            Address address, List<Customer> customers, List<Service> services, List<Appointment> appointments,
            String timeZoneName, ZoneId timeZone) {

        public Business {
            customers = List.copyOf(customers);
            services = List.copyOf(services);
            appointments = appointments.stream().map(a -> a.inBusinessZone(timeZone)).toList();
        }

        public Service service(String serviceId) {
            return services.stream().filter(s -> s.id().equals(serviceId)).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no service " + serviceId));
        }

        public Customer customer(String customerId) {
            return customers.stream().filter(c -> c.id().equals(customerId)).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        }
    }

    // insertion order is the order the collections are served in, so paging is stable
    private final Map<String, Business> businesses = new LinkedHashMap<>();

    SimulatedTenant(List<Business> initial) {
        initial.forEach(b -> businesses.put(b.id(), b));
    }

    /** Snapshots of every business, in a stable order. */
    public synchronized List<Business> businesses() {
        return List.copyOf(businesses.values());
    }

    /** A snapshot of one business; ids compare case-insensitively, as mailbox addresses do. */
    public synchronized Business business(String businessId) {
        return businesses.values().stream().filter(b -> b.id().equalsIgnoreCase(businessId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no business " + businessId));
    }

    /** Changes one appointment's price (null = no price). */
    public synchronized void changeAppointmentPrice(String businessId, String appointmentId, BigDecimal newPrice) {
        replaceAppointments(businessId, appointments -> {
            int index = indexOf(appointments, appointmentId);
            appointments.set(index, appointments.get(index).withPrice(newPrice));
        });
    }

    /**
     * Changes a customer's email address (null = none), on the customer and on every appointment that lists them,
     * as Bookings shows an edited customer everywhere.
     */
    public synchronized void changeCustomerEmail(String businessId, String customerId, String newEmail) {
        Business b = business(businessId);
        Customer old = b.customer(customerId);
        List<Customer> customers = new ArrayList<>(b.customers());
        customers.set(customers.indexOf(old), new Customer(old.id(), old.displayName(), newEmail, old.phone(),
                old.address()));
        List<Appointment> appointments = b.appointments().stream().map(a -> a.withAttendees(a.attendees().stream()
                .map(at -> at.customerId().equals(customerId)
                        ? new Attendee(at.customerId(), at.name(), newEmail, at.phone())
                        : at)
                .toList())).toList();
        businesses.put(b.id(), new Business(b.id(), b.displayName(), b.currency(), b.email(), b.phone(), b.address(),
                customers, b.services(), appointments, b.timeZoneName(), b.timeZone()));
    }

    /** Removes an appointment, as a cancellation in Bookings does. */
    public synchronized void removeAppointment(String businessId, String appointmentId) {
        replaceAppointments(businessId, appointments -> appointments.remove(indexOf(appointments, appointmentId)));
    }

    /** Adds (or replaces, by id) an appointment; its service and attendees should exist in the business. */
    public synchronized void addAppointment(String businessId, Appointment appointment) {
        Objects.requireNonNull(appointment, "appointment");
        replaceAppointments(businessId, appointments -> {
            appointments.removeIf(a -> a.id().equals(appointment.id()));
            appointments.add(appointment);
            appointments.sort(Comparator.comparing(Appointment::start).thenComparing(Appointment::id));
        });
    }

    private void replaceAppointments(String businessId, Consumer<List<Appointment>> change) {
        Business b = business(businessId);
        List<Appointment> appointments = new ArrayList<>(b.appointments());
        change.accept(appointments);
        businesses.put(b.id(), new Business(b.id(), b.displayName(), b.currency(), b.email(), b.phone(), b.address(),
                b.customers(), b.services(), appointments, b.timeZoneName(), b.timeZone()));
    }

    private static int indexOf(List<Appointment> appointments, String appointmentId) {
        for (int i = 0; i < appointments.size(); i++) {
            if (appointments.get(i).id().equals(appointmentId)) {
                return i;
            }
        }
        throw new NoSuchElementException("no appointment " + appointmentId);
    }
}
