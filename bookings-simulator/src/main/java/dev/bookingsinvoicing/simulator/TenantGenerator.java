package dev.bookingsinvoicing.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import dev.bookingsinvoicing.simulator.SimulatedTenant.Address;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Appointment;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Attendee;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Customer;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Service;

/**
 * Generates a tenant deterministically from the settings' seed and clock: the same settings give the same data,
 * with the awkward cases the sync and the invoicing rules must handle (customers without email, one email on two
 * customers differing in case, every price type, a group service).
 */
final class TenantGenerator {

    private record BusinessTemplate(String mailbox, String displayName, String currency, String city,
            String country) {
    }

    private record ServiceTemplate(String name, String priceType, String price, String duration, int maxAttendees) {
    }

    private static final List<BusinessTemplate> BUSINESSES = List.of(
            new BusinessTemplate("ContosoSalon@contoso.onmicrosoft.com", "Contoso Salon", "EUR", "Amsterdam", "NL"),
            new BusinessTemplate("FabrikamConsulting@fabrikam.onmicrosoft.com", "Fabrikam Consulting", "USD",
                    "Seattle", "US"),
            new BusinessTemplate("AdventureClinic@adatum.onmicrosoft.com", "Adatum Clinic", "EUR", "Berlin", "DE"));

    // the first eight cover fixedPrice, startingAt, hourly, free, priceVaries, callUs and a group service
    private static final List<ServiceTemplate> SERVICES = List.of(
            new ServiceTemplate("Haircut", "fixedPrice", "35.00", "PT30M", 1),
            new ServiceTemplate("Colouring", "startingAt", "60.00", "PT1H30M", 1),
            new ServiceTemplate("Consultation", "hourly", "80.00", "PT1H", 1),
            new ServiceTemplate("First visit", "free", "0.00", "PT15M", 1),
            new ServiceTemplate("Custom treatment", "priceVaries", null, "PT45M", 1),
            new ServiceTemplate("Group workshop", "fixedPrice", "25.00", "PT2H", 5),
            new ServiceTemplate("Beard trim", "fixedPrice", "15.50", "PT15M", 1),
            new ServiceTemplate("Quote on request", "callUs", null, "PT30M", 1));

    private static final List<String> FIRST = List.of("Ana", "Ben", "Chloe", "David", "Emma", "Farid", "Greta",
            "Hugo", "Ines", "Jonas", "Kira", "Luca", "Mia", "Noah", "Olga", "Pieter", "Quinn", "Rosa", "Sam", "Tara");
    private static final List<String> LAST = List.of("Silva", "Jansen", "Müller", "Smith", "Rossi", "Dubois",
            "Novak", "Berg", "Costa", "Kowalski");

    private final SimulatorSettings settings;
    private final Random random;

    TenantGenerator(SimulatorSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    SimulatedTenant generate() {
        List<Business> businesses = new ArrayList<>();
        for (int i = 0; i < settings.businesses(); i++) {
            businesses.add(business(i));
        }
        return new SimulatedTenant(businesses);
    }

    private Business business(int index) {
        BusinessTemplate template = BUSINESSES.get(index % BUSINESSES.size());
        String mailbox = index < BUSINESSES.size() ? template.mailbox()
                : template.mailbox().replace("@", index + "@");
        String domain = mailbox.substring(mailbox.indexOf('@') + 1);
        Address address = new Address((10 + index) + " Main Street", template.city(), null, "10" + (100 + index),
                template.country());
        List<Customer> customers = customers(domain, template);
        List<Service> services = services();
        List<Appointment> appointments = appointments(customers, services);
        return new Business(mailbox, template.displayName() + (index < BUSINESSES.size() ? "" : " " + index),
                template.currency(), mailbox.toLowerCase(Locale.ROOT), "+1 555 010" + index, address, customers,
                services, appointments);
    }

    private List<Customer> customers(String domain, BusinessTemplate template) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < settings.customersPerBusiness(); i++) {
            String first = FIRST.get(random.nextInt(FIRST.size()));
            String last = LAST.get(random.nextInt(LAST.size()));
            String name = first + " " + last;
            String email = first.toLowerCase(Locale.ROOT) + "." + i + "@" + "example." + domain;
            if (i == 1) {
                // Bookings allows the same person twice; the second record writes the email in another case
                Customer previous = customers.get(0);
                name = previous.displayName();
                email = previous.emailAddress().toUpperCase(Locale.ROOT);
            } else if (i % 7 == 6) {
                email = null; // walk-in customers without an email address
            }
            String phone = random.nextInt(4) == 0 ? null : "+31 6 " + (10_000_000 + random.nextInt(89_999_999));
            Address address = random.nextBoolean() ? new Address(random.nextInt(200) + " " + last + "straat",
                    template.city(), null, String.valueOf(1000 + random.nextInt(9000)), template.country()) : null;
            customers.add(new Customer(id(), name, email, phone, address));
        }
        return customers;
    }

    private List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < settings.servicesPerBusiness(); i++) {
            ServiceTemplate t = SERVICES.get(i % SERVICES.size());
            String name = i < SERVICES.size() ? t.name() : t.name() + " " + (i / SERVICES.size() + 1);
            services.add(new Service(id(), name, t.price() == null ? null : new BigDecimal(t.price()), t.priceType(),
                    Duration.parse(t.duration()), t.maxAttendees(), i == 3));
        }
        return services;
    }

    private List<Appointment> appointments(List<Customer> customers, List<Service> services) {
        Instant now = settings.clock().instant().truncatedTo(ChronoUnit.HOURS);
        long slots = Duration.ofDays(74).toMinutes() / 15;
        List<Appointment> appointments = new ArrayList<>();
        for (int i = 0; i < settings.appointmentsPerBusiness(); i++) {
            Service service = services.get(random.nextInt(services.size()));
            Instant start = now.minus(Duration.ofDays(60)).plus(Duration.ofMinutes(15 * (long) random.nextInt((int) slots)));
            int attendeeCount = service.maximumAttendeesCount() > 1
                    ? 2 + random.nextInt(service.maximumAttendeesCount() - 1)
                    : 1;
            Set<Customer> chosen = new LinkedHashSet<>();
            while (chosen.size() < Math.min(attendeeCount, customers.size())) {
                chosen.add(customers.get(random.nextInt(customers.size())));
            }
            List<Attendee> attendees = chosen.stream()
                    .map(c -> new Attendee(c.id(), c.displayName(), c.emailAddress(), c.phone())).toList();
            appointments.add(new Appointment(id(), service.id(), service.displayName(), start,
                    start.plus(service.defaultDuration()), service.defaultPrice(), service.priceType(),
                    service.maximumAttendeesCount(), attendees));
        }
        appointments.sort(Comparator.comparing(Appointment::start).thenComparing(Appointment::id));
        return appointments;
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
