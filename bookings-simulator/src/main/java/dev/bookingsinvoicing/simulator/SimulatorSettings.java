package dev.bookingsinvoicing.simulator;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link BookingsSimulator} is started: where it listens, what it generates and how it answers.
 *
 * @param port                     TCP port, 0 = a free random port
 * @param seed                     seed of the {@link java.util.Random} that generates the tenant: same seed, same data
 * @param businesses               number of Bookings businesses (at least 1)
 * @param customersPerBusiness     customers of each business
 * @param servicesPerBusiness      services of each business (the first 12 cover every price type, hourly services
 *                                 of 20, 40 and 7 minutes and a group service)
 * @param appointmentsPerBusiness  appointments of each business, spread over the past 60 and the next 14 days, in
 *                                 the time zones and date-time shapes real tenants send (the implausible records
 *                                 come on top)
 * @param pageSize                 items per page of every collection (Graph pages too; the sync must follow nextLink)
 * @param accessToken              the bearer token every request must carry
 * @param clock                    "now" for spreading appointments
 * @param appointmentTimeKeys      which keys carry an appointment's start and end in the JSON served
 * @param implausibleRecords       whether each business also holds the completed appointments a reader must not
 *                                 bill as they are (see {@link SimulatedTenant}); off = a tidy tenant
 */
public record SimulatorSettings(int port, long seed, int businesses, int customersPerBusiness, int servicesPerBusiness,
        int appointmentsPerBusiness, int pageSize, String accessToken, Clock clock,
        AppointmentTimeKeys appointmentTimeKeys, boolean implausibleRecords, int heavyCustomerAppointments) {

    public static final int DEFAULT_PORT = 8090;
    public static final String DEFAULT_TOKEN = "simulator-token";

    /**
     * The two shapes of a bookingAppointment's times in Graph responses: the v1.0 SDK's model names them
     * {@code startDateTime}/{@code endDateTime}, while the calendarView sample in Microsoft's API reference shows
     * {@code start}/{@code end}. A reader must take either.
     */
    public enum AppointmentTimeKeys {
        /** {@code startDateTime} / {@code endDateTime}, the SDK's shape. */
        START_DATE_TIME("startDateTime", "endDateTime"),
        /** {@code start} / {@code end}, the shape of the calendarView sample in the API reference. */
        START_END("start", "end");

        private final String startKey;
        private final String endKey;

        AppointmentTimeKeys(String startKey, String endKey) {
            this.startKey = startKey;
            this.endKey = endKey;
        }

        public String startKey() {
            return startKey;
        }

        public String endKey() {
            return endKey;
        }
    }

    public SimulatorSettings {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(appointmentTimeKeys, "appointmentTimeKeys");
        if (businesses < 1 || customersPerBusiness < 3 || servicesPerBusiness < 1 || appointmentsPerBusiness < 0
                || pageSize < 1 || port < 0 || heavyCustomerAppointments < 0) {
            throw new IllegalArgumentException("invalid simulator settings: " + this);
        }
    }

    /**
     * Two businesses (EUR, USD; a third and fourth bill in JPY and in KWD), 20 customers, 12 services and 150 appointments each plus the implausible records,
     * pages of 25, random port, times under {@code startDateTime}/{@code endDateTime}.
     */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, 42L, 2, 20, 12, 150, 25, DEFAULT_TOKEN, Clock.systemUTC(),
                AppointmentTimeKeys.START_DATE_TIME, true, 0);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, clock, appointmentTimeKeys, implausibleRecords,
                heavyCustomerAppointments);
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(port, newSeed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, clock, appointmentTimeKeys, implausibleRecords,
                heavyCustomerAppointments);
    }

    public SimulatorSettings withVolume(int newBusinesses, int newCustomersPerBusiness, int newServicesPerBusiness,
            int newAppointmentsPerBusiness) {
        return new SimulatorSettings(port, seed, newBusinesses, newCustomersPerBusiness, newServicesPerBusiness,
                newAppointmentsPerBusiness, pageSize, accessToken, clock, appointmentTimeKeys, implausibleRecords,
                heavyCustomerAppointments);
    }

    public SimulatorSettings withPageSize(int newPageSize) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, newPageSize, accessToken, clock, appointmentTimeKeys, implausibleRecords,
                heavyCustomerAppointments);
    }

    public SimulatorSettings withAccessToken(String newAccessToken) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, newAccessToken, clock, appointmentTimeKeys, implausibleRecords,
                heavyCustomerAppointments);
    }

    public SimulatorSettings withClock(Clock newClock) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, newClock, appointmentTimeKeys, implausibleRecords,
                heavyCustomerAppointments);
    }

    public SimulatorSettings withAppointmentTimeKeys(AppointmentTimeKeys newAppointmentTimeKeys) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, clock, newAppointmentTimeKeys, implausibleRecords,
                heavyCustomerAppointments);
    }

    /** With (the default) or without the implausible and unreadable appointments; without = a tidy tenant. */
    public SimulatorSettings withImplausibleRecords(boolean newImplausibleRecords) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, clock, appointmentTimeKeys, newImplausibleRecords,
                heavyCustomerAppointments);
    }

    /**
     * With {@code appointments} more completed fixed-price appointments, in the first business, of its first customer
     * with an email: a customer with thousands of bookings, whose invoice is split into several drafts. 0 (the
     * default) adds none, and the rest of the tenant is the same either way.
     */
    public SimulatorSettings withHeavyCustomer(int appointments) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, clock, appointmentTimeKeys, implausibleRecords,
                appointments);
    }
}
