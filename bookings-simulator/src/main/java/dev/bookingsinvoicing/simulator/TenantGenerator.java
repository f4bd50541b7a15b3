package dev.bookingsinvoicing.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
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
import dev.bookingsinvoicing.simulator.SimulatedTenant.DateTimeShape;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Service;

/**
 * Generates a tenant deterministically from the settings' seed and clock: the same settings give the same data,
 * with the awkward cases the sync and the invoicing rules must handle (customers without email, one email on two
 * customers differing in case, every price type, hourly services of odd durations, a group service, appointments in
 * Windows and IANA time zones written in each of Graph's date-time shapes, bookings whose local day is not their UTC
 * day, one across a daylight-saving change) and, unless switched off, the implausible and unreadable records.
 */
final class TenantGenerator {

    /** {@code priceFactor}: the services' prices in this business are the table's times this, in its currency. */
    private record BusinessTemplate(String mailbox, String displayName, String currency, String priceFactor,
            String city, String country, WrittenZone zone) {
    }

    private record ServiceTemplate(String name, String priceType, String price, String duration, int maxAttendees) {
    }

    // the third and fourth bill in currencies without and with three minor units: yen prices of whole yen, dinar
    // prices with a third decimal (35.00 x 0.123 = 4.305 KWD)
    private static final List<BusinessTemplate> BUSINESSES = List.of(
            new BusinessTemplate("ContosoSalon@contoso.onmicrosoft.com", "Contoso Salon", "EUR", "1", "Amsterdam",
                    "NL", new WrittenZone("W. Europe Standard Time", ZoneId.of("Europe/Amsterdam"))),
            new BusinessTemplate("FabrikamConsulting@fabrikam.onmicrosoft.com", "Fabrikam Consulting", "USD", "1",
                    "Seattle", "US", new WrittenZone("Pacific Standard Time", ZoneId.of("America/Los_Angeles"))),
            new BusinessTemplate("ShibuyaStudio@northwind.onmicrosoft.com", "Northwind Studio Shibuya", "JPY", "151",
                    "Tokyo", "JP", new WrittenZone("Tokyo Standard Time", ZoneId.of("Asia/Tokyo"))),
            new BusinessTemplate("GulfPhysio@tailspin.onmicrosoft.com", "Tailspin Physio", "KWD", "0.123",
                    "Kuwait City", "KW", new WrittenZone("Arab Standard Time", ZoneId.of("Asia/Riyadh"))),
            new BusinessTemplate("AdventureClinic@adatum.onmicrosoft.com", "Adatum Clinic", "EUR", "1", "Berlin", "DE",
                    new WrittenZone("W. Europe Standard Time", ZoneId.of("Europe/Berlin"))));

    // the first eight cover fixedPrice, startingAt, hourly, free, priceVaries, callUs and a group service; the next
    // four notSet and hourly durations whose hours are no exact decimal (20 and 40 minutes at 95.00, 7 at 50.00:
    // hours x price rounds differently from the hours rounded first)
    private static final List<ServiceTemplate> SERVICES = List.of(
            new ServiceTemplate("Haircut", "fixedPrice", "35.00", "PT30M", 1),
            new ServiceTemplate("Colouring", "startingAt", "60.00", "PT1H30M", 1),
            new ServiceTemplate("Consultation", "hourly", "80.00", "PT1H", 1),
            new ServiceTemplate("First visit", "free", "0.00", "PT15M", 1),
            new ServiceTemplate("Custom treatment", "priceVaries", null, "PT45M", 1),
            new ServiceTemplate("Group workshop", "fixedPrice", "25.00", "PT2H", 5),
            new ServiceTemplate("Beard trim", "fixedPrice", "15.50", "PT15M", 1),
            new ServiceTemplate("Quote on request", "callUs", null, "PT30M", 1),
            new ServiceTemplate("Phone consultation", "hourly", "95.00", "PT20M", 1),
            new ServiceTemplate("Extended consultation", "hourly", "95.00", "PT40M", 1),
            new ServiceTemplate("Quick check", "hourly", "50.00", "PT7M", 1),
            new ServiceTemplate("Walk-in", "notSet", null, "PT30M", 1));

    /** A zone as Graph names it in dateTimeTimeZone.timeZone, and the zone it is. */
    record WrittenZone(String graphName, ZoneId zone) {
    }

    /** The zones appointments are written in: Windows names as Graph sends them by default, an IANA id, and UTC. */
    static final List<WrittenZone> ZONES = List.of(
            new WrittenZone("W. Europe Standard Time", ZoneId.of("Europe/Berlin")),
            new WrittenZone("Pacific Standard Time", ZoneId.of("America/Los_Angeles")),
            new WrittenZone("Tokyo Standard Time", ZoneId.of("Asia/Tokyo")),
            new WrittenZone("AUS Eastern Standard Time", ZoneId.of("Australia/Sydney")),
            new WrittenZone("India Standard Time", ZoneId.of("Asia/Kolkata")),
            new WrittenZone("E. South America Standard Time", ZoneId.of("America/Sao_Paulo")),
            new WrittenZone("Europe/Amsterdam", ZoneId.of("Europe/Amsterdam")),
            new WrittenZone("UTC", ZoneId.of("UTC")));

    /** A zone name no reader can resolve. */
    static final String UNKNOWN_ZONE_NAME = "Mars Standard Time";

    private static final int SPREAD_PAST_DAYS = 60;
    private static final int SPREAD_FUTURE_DAYS = 14;
    private static final LocalTime OPENING = LocalTime.of(8, 0);
    private static final int SLOTS_PER_DAY = 48; // 15-minute slots from 08:00 to 19:45

    /** When and how one appointment is written; duration null = the service's default, priceType null = any. */
    private record Slot(WrittenZone zone, DateTimeShape shape, Instant start, Duration duration, String priceType) {
    }

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
        List<Service> services = services(template);
        List<Appointment> appointments = appointments(mailbox, customers, services);
        if (index == 0) {
            appointments.addAll(heavyCustomer(mailbox, customers, services, template.zone().zone()));
            appointments.sort(Comparator.comparing(Appointment::start).thenComparing(Appointment::id));
        }
        return new Business(mailbox, template.displayName() + (index < BUSINESSES.size() ? "" : " " + index),
                template.currency(), mailbox.toLowerCase(Locale.ROOT), "+1 555 010" + index, address, customers,
                services, appointments, template.zone().graphName(), template.zone().zone());
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

    private List<Service> services(BusinessTemplate business) {
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < settings.servicesPerBusiness(); i++) {
            ServiceTemplate t = SERVICES.get(i % SERVICES.size());
            String name = i < SERVICES.size() ? t.name() : t.name() + " " + (i / SERVICES.size() + 1);
            services.add(new Service(id(), name, t.price() == null ? null : price(t.price(), business), t.priceType(),
                    Duration.parse(t.duration()), t.maxAttendees(), i == 3));
        }
        return services;
    }

    /** The table's price in the business's currency: times its factor, to the currency's minor units. */
    private static BigDecimal price(String tablePrice, BusinessTemplate business) {
        return new BigDecimal(tablePrice).multiply(new BigDecimal(business.priceFactor()))
                .setScale(Currency.getInstance(business.currency()).getDefaultFractionDigits(), RoundingMode.HALF_UP);
    }

    /**
     * The settings' heavy customer: that many completed appointments of the first fixed-price service for the first
     * customer with an email, from 08:00 on each of the last 58 days in 15-minute steps. Ids are derived from the
     * seed, not drawn from the generator's random sequence, so the rest of the tenant does not change.
     */
    private List<Appointment> heavyCustomer(String mailbox, List<Customer> customers, List<Service> services,
            ZoneId zone) {
        Service fixed = serviceOfType(services, "fixedPrice", services.get(0));
        List<Attendee> customer = List.of(attendee(withEmail(customers).get(0)));
        LocalDate today = LocalDate.ofInstant(settings.clock().instant(), zone);
        List<Appointment> appointments = new ArrayList<>();
        for (int i = 0; i < settings.heavyCustomerAppointments(); i++) {
            Instant start = ZonedDateTime.of(today.minusDays(1 + i % 58), OPENING.plusMinutes(15L * (i / 58)), zone)
                    .toInstant();
            appointments.add(new Appointment(derivedId(mailbox, "heavy-customer/" + i), fixed.id(),
                    fixed.displayName(), start, start.plus(Duration.ofMinutes(15)), fixed.defaultPrice(),
                    fixed.priceType(), 1, customer, zone, zone.getId(), DateTimeShape.LOCAL));
        }
        return appointments;
    }

    private List<Appointment> appointments(String mailbox, List<Customer> customers, List<Service> services) {
        Instant now = settings.clock().instant().truncatedTo(ChronoUnit.HOURS);
        List<Slot> pinned = pinnedSlots(now);
        List<Appointment> appointments = new ArrayList<>();
        for (int i = 0; i < settings.appointmentsPerBusiness(); i++) {
            Service drawn = services.get(random.nextInt(services.size()));
            Slot slot = i < pinned.size() ? pinned.get(i) : randomSlot(now);
            Service service = slot.priceType() == null ? drawn : serviceOfType(services, slot.priceType(), drawn);
            List<Attendee> attendees = attendees(service, i < pinned.size() ? withEmail(customers) : customers);
            Duration duration = slot.duration() == null ? service.defaultDuration() : slot.duration();
            appointments.add(new Appointment(id(), service.id(), service.displayName(), slot.start(),
                    slot.start().plus(duration), service.defaultPrice(), service.priceType(),
                    service.maximumAttendeesCount(), attendees, slot.zone().zone(), slot.zone().graphName(),
                    slot.shape()));
        }
        if (settings.implausibleRecords()) {
            appointments.addAll(implausible(mailbox, now, customers, services));
        }
        appointments.sort(Comparator.comparing(Appointment::start).thenComparing(Appointment::id));
        return appointments;
    }

    private List<Attendee> attendees(Service service, List<Customer> customers) {
        int attendeeCount = service.maximumAttendeesCount() > 1
                ? 2 + random.nextInt(service.maximumAttendeesCount() - 1)
                : 1;
        Set<Customer> chosen = new LinkedHashSet<>();
        while (chosen.size() < Math.min(attendeeCount, customers.size())) {
            chosen.add(customers.get(random.nextInt(customers.size())));
        }
        return chosen.stream().map(TenantGenerator::attendee).toList();
    }

    /**
     * The first appointments of each business are placed where readers go wrong, on a customer with an email so
     * that they reach an invoice: 17:00 in Los Angeles (the next day in UTC), 08:00 in Tokyo written with its offset
     * and 09:00 in Sydney (both the previous day in UTC), 10:00 UTC written with a Z (dated in the business's time zone, as Graph's UTC times are), and an hourly booking across
     * the last daylight-saving change of a zone in the table (when one falls within the past 60 days): three real
     * hours, though its wall times are two or four hours apart.
     */
    private static List<Slot> pinnedSlots(Instant now) {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot(zone("Pacific Standard Time"), DateTimeShape.LOCAL,
                at(now, zone("Pacific Standard Time"), 2, LocalTime.of(17, 0)), null, "fixedPrice"));
        slots.add(new Slot(zone("Tokyo Standard Time"), DateTimeShape.OFFSET,
                at(now, zone("Tokyo Standard Time"), 3, LocalTime.of(8, 0)), null, "fixedPrice"));
        slots.add(new Slot(zone("AUS Eastern Standard Time"), DateTimeShape.LOCAL,
                at(now, zone("AUS Eastern Standard Time"), 4, LocalTime.of(9, 0)), null, "startingAt"));
        slots.add(new Slot(zone("UTC"), DateTimeShape.UTC, at(now, zone("UTC"), 5, LocalTime.of(10, 0)), null,
                "fixedPrice"));
        Instant earliest = now.minus(Duration.ofDays(SPREAD_PAST_DAYS)).plus(Duration.ofHours(2));
        Instant latest = now.minus(Duration.ofHours(1));
        WrittenZone dstZone = null;
        Instant change = null;
        for (WrittenZone zone : ZONES) {
            ZoneOffsetTransition transition = zone.zone().getRules().previousTransition(latest);
            if (transition != null && !transition.getInstant().isBefore(earliest)
                    && (change == null || transition.getInstant().isAfter(change))) {
                dstZone = zone;
                change = transition.getInstant();
            }
        }
        if (change != null) {
            slots.add(new Slot(dstZone, DateTimeShape.LOCAL, change.minus(Duration.ofHours(2)), Duration.ofHours(3),
                    "hourly"));
        }
        return slots;
    }

    private Slot randomSlot(Instant now) {
        WrittenZone zone = ZONES.get(random.nextInt(ZONES.size()));
        DateTimeShape shape = zone.graphName().equals("UTC")
                ? (random.nextBoolean() ? DateTimeShape.LOCAL : DateTimeShape.UTC)
                : (random.nextInt(4) == 0 ? DateTimeShape.OFFSET : DateTimeShape.LOCAL);
        // opening hours in the appointment's own zone, on a day from 59 days back to 13 ahead there
        LocalDate day = LocalDate.ofInstant(now, zone.zone())
                .plusDays(random.nextInt(SPREAD_PAST_DAYS + SPREAD_FUTURE_DAYS - 1) - (SPREAD_PAST_DAYS - 1));
        LocalTime time = OPENING.plusMinutes(15L * random.nextInt(SLOTS_PER_DAY));
        return new Slot(zone, shape, ZonedDateTime.of(day, time, zone.zone()).toInstant(), null, null);
    }

    /**
     * One completed appointment of each kind a reader must not bill as it is, on a customer with an email so that
     * a reader that let it through would show a row: it ends before it starts, costs -10.00, has no attendees (and
     * no legacy customerId), is an hourly booking of zero minutes, or is written in a zone that does not exist. Its
     * id is derived from the seed, the business and the kind, not drawn from the generator's random sequence: a tidy
     * tenant has the same other data.
     */
    private List<Appointment> implausible(String mailbox, Instant now, List<Customer> customers,
            List<Service> services) {
        Service fixed = serviceOfType(services, "fixedPrice", services.get(0));
        Service hourly = serviceOfType(services, "hourly", services.get(0));
        List<Attendee> someone = List.of(attendee(withEmail(customers).get(0)));
        WrittenZone berlin = zone("W. Europe Standard Time");
        Instant endsBeforeStart = at(now, berlin, 6, LocalTime.of(10, 0));
        Instant negative = at(now, zone("Europe/Amsterdam"), 7, LocalTime.of(11, 0));
        Instant nobody = at(now, zone("UTC"), 8, LocalTime.of(12, 0));
        Instant zeroMinutes = at(now, zone("India Standard Time"), 9, LocalTime.of(13, 0));
        Instant onMars = at(now, zone("UTC"), 10, LocalTime.of(14, 0));
        return List.of(
                new Appointment(derivedId(mailbox, "ends-before-start"), fixed.id(), fixed.displayName(),
                        endsBeforeStart, endsBeforeStart.minus(Duration.ofMinutes(30)), price(fixed, "35.00"),
                        "fixedPrice", 1, someone, berlin.zone(), berlin.graphName(), DateTimeShape.LOCAL),
                new Appointment(derivedId(mailbox, "negative-price"), fixed.id(), fixed.displayName(), negative,
                        negative.plus(Duration.ofMinutes(30)), new BigDecimal("-10.00"), "fixedPrice", 1, someone,
                        zone("Europe/Amsterdam").zone(), "Europe/Amsterdam", DateTimeShape.LOCAL),
                new Appointment(derivedId(mailbox, "no-attendees"), fixed.id(), fixed.displayName(), nobody,
                        nobody.plus(Duration.ofMinutes(30)), price(fixed, "35.00"), "fixedPrice", 1, List.of(),
                        ZoneId.of("UTC"), "UTC", DateTimeShape.LOCAL),
                new Appointment(derivedId(mailbox, "zero-minutes"), hourly.id(), hourly.displayName(), zeroMinutes,
                        zeroMinutes, price(hourly, "80.00"), "hourly", 1, someone, zone("India Standard Time").zone(),
                        "India Standard Time", DateTimeShape.LOCAL),
                new Appointment(derivedId(mailbox, "unknown-zone"), fixed.id(), fixed.displayName(), onMars,
                        onMars.plus(Duration.ofMinutes(30)), price(fixed, "35.00"), "fixedPrice", 1, someone, null,
                        UNKNOWN_ZONE_NAME, DateTimeShape.LOCAL));
    }

    private String derivedId(String mailbox, String kind) {
        return UUID.nameUUIDFromBytes((settings.seed() + "/" + mailbox + "/" + kind).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static BigDecimal price(Service service, String fallback) {
        return service.defaultPrice() != null ? service.defaultPrice() : new BigDecimal(fallback);
    }

    /** {@code time} on the day {@code daysBack} before today, both in the zone. */
    private static Instant at(Instant now, WrittenZone zone, int daysBack, LocalTime time) {
        return ZonedDateTime.of(LocalDate.ofInstant(now, zone.zone()).minusDays(daysBack), time, zone.zone())
                .toInstant();
    }

    private static WrittenZone zone(String graphName) {
        return ZONES.stream().filter(z -> z.graphName().equals(graphName)).findFirst().orElseThrow();
    }

    private static Service serviceOfType(List<Service> services, String priceType, Service otherwise) {
        return services.stream().filter(s -> s.priceType().equals(priceType)).findFirst().orElse(otherwise);
    }

    private static List<Customer> withEmail(List<Customer> customers) {
        return customers.stream().filter(c -> c.emailAddress() != null).toList();
    }

    private static Attendee attendee(Customer customer) {
        return new Attendee(customer.id(), customer.displayName(), customer.emailAddress(), customer.phone());
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
