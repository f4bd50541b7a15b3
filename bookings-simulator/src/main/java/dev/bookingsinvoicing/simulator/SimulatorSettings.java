package dev.bookingsinvoicing.simulator;

import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link BookingsSimulator} is started: where it listens, what it generates and how it pages.
 *
 * @param port                     TCP port, 0 = a free random port
 * @param seed                     seed of the {@link java.util.Random} that generates the tenant: same seed, same data
 * @param businesses               number of Bookings businesses (at least 1)
 * @param customersPerBusiness     customers of each business
 * @param servicesPerBusiness      services of each business (the first 8 cover every interesting price type)
 * @param appointmentsPerBusiness  appointments of each business, spread over the past 60 and the next 14 days
 * @param pageSize                 items per page of every collection (Graph pages too; the sync must follow nextLink)
 * @param accessToken              the bearer token every request must carry
 * @param clock                    "now" for spreading appointments
 */
public record SimulatorSettings(int port, long seed, int businesses, int customersPerBusiness, int servicesPerBusiness,
        int appointmentsPerBusiness, int pageSize, String accessToken, Clock clock) {

    public static final int DEFAULT_PORT = 8090;
    public static final String DEFAULT_TOKEN = "simulator-token";

    public SimulatorSettings {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(clock, "clock");
        if (businesses < 1 || customersPerBusiness < 3 || servicesPerBusiness < 1 || appointmentsPerBusiness < 0
                || pageSize < 1 || port < 0) {
            throw new IllegalArgumentException("invalid simulator settings: " + this);
        }
    }

    /** Two businesses (EUR, USD), 20 customers, 8 services and 150 appointments each, pages of 25, random port. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(0, 42L, 2, 20, 8, 150, 25, DEFAULT_TOKEN, Clock.systemUTC());
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(newPort, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, clock);
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(port, newSeed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, clock);
    }

    public SimulatorSettings withVolume(int newBusinesses, int newCustomersPerBusiness, int newServicesPerBusiness,
            int newAppointmentsPerBusiness) {
        return new SimulatorSettings(port, seed, newBusinesses, newCustomersPerBusiness, newServicesPerBusiness,
                newAppointmentsPerBusiness, pageSize, accessToken, clock);
    }

    public SimulatorSettings withPageSize(int newPageSize) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, newPageSize, accessToken, clock);
    }

    public SimulatorSettings withAccessToken(String newAccessToken) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, newAccessToken, clock);
    }

    public SimulatorSettings withClock(Clock newClock) {
        return new SimulatorSettings(port, seed, businesses, customersPerBusiness, servicesPerBusiness,
                appointmentsPerBusiness, pageSize, accessToken, newClock);
    }
}
