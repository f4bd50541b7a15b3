package dev.bookingsinvoicing.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The live data of the simulated Microsoft 365 tenant, as plain records; what the HTTP endpoints serve and what
 * tests compare against. Thread-safe: tests mutate it while the server reads it.
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

    /** A Bookings appointment (Graph bookingAppointment); price null when Bookings has none (priceVaries ...). */
    public record Appointment(String id, String serviceId, String serviceName, Instant start, Instant end,
            BigDecimal price, String priceType, int maximumAttendeesCount, List<Attendee> attendees) {

        public Appointment {
            attendees = List.copyOf(attendees);
        }

        public Appointment withPrice(BigDecimal newPrice) {
            return new Appointment(id, serviceId, serviceName, start, end, newPrice, priceType, maximumAttendeesCount,
                    attendees);
        }

        public Duration duration() {
            return Duration.between(start, end);
        }
    }

    /** A snapshot of one Bookings business with everything in it. The id is its mailbox address. */
    public record Business(String id, String displayName, String currency, String email, String phone,
            Address address, List<Customer> customers, List<Service> services, List<Appointment> appointments) {

        public Business {
            customers = List.copyOf(customers);
            services = List.copyOf(services);
            appointments = List.copyOf(appointments);
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

    private void replaceAppointments(String businessId, java.util.function.Consumer<List<Appointment>> change) {
        Business b = business(businessId);
        List<Appointment> appointments = new ArrayList<>(b.appointments());
        change.accept(appointments);
        businesses.put(b.id(), new Business(b.id(), b.displayName(), b.currency(), b.email(), b.phone(), b.address(),
                b.customers(), b.services(), appointments));
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
