package dev.bookingsinvoicing.faults;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * A deterministic Bookings business of its own for one fault case: its customers and services already registered,
 * and completed, priced appointments, so every booking is READY once the view has read them. The same name gives
 * the same events, byte for byte, in the clean stack and in the faulty one.
 *
 * @param name     short name; the business id is {@code <name>@faults.example}
 * @param bookings how many bookings (one attendee per appointment, except every 20th appointment, a group of 3)
 */
record Universe(String name, int bookings) {

    /** One record to publish: topic, key, value. */
    record Event(String topic, String key, SpecificRecord value) {
    }

    private static final Instant BASE = Instant.parse("2026-01-05T08:00:00Z");
    static final int SERVICES = 8;

    String businessId() {
        return name + "@faults.example";
    }

    int customers() {
        return Math.max(3, bookings / 25);
    }

    String customerId(int c) {
        return "cust-" + c;
    }

    String serviceId(int s) {
        return "svc-" + s;
    }

    List<Event> registrations() {
        List<Event> events = new ArrayList<>();
        for (int c = 0; c < customers(); c++) {
            events.add(new Event(Topics.CUSTOMER_REGISTRATIONS, Keys.customer(businessId(), customerId(c)),
                    customerRegistered(c)));
        }
        for (int s = 0; s < SERVICES; s++) {
            events.add(new Event(Topics.ITEM_REGISTRATIONS, Keys.service(businessId(), serviceId(s)), itemRegistered(s)));
        }
        return events;
    }

    CustomerRegistered customerRegistered(int c) {
        return CustomerRegistered.newBuilder().setEventId(id("customer", customerId(c))).setOccurredAt(BASE)
                .setBusinessId(businessId()).setBookingsCustomerId(customerId(c))
                .setCustomerNo(name.toUpperCase() + "-C" + c).setName("Customer " + c)
                .setEmailAddress(customerId(c) + "@" + name + ".example").setTemplateCode("DEFAULT")
                .setNewCustomer(true).build();
    }

    ItemRegistered itemRegistered(int s) {
        return ItemRegistered.newBuilder().setEventId(id("item", serviceId(s))).setOccurredAt(BASE)
                .setBusinessId(businessId()).setServiceId(serviceId(s)).setItemNo(name.toUpperCase() + "-I" + s)
                .setDescription("Service " + s).setUnitPrice(price(s)).setBaseUnitOfMeasure("HOUR")
                .setTemplateCode("SERVICE").build();
    }

    /** The appointments, in the order they are published. */
    List<Event> appointments() {
        List<Event> events = new ArrayList<>();
        int booked = 0;
        for (int a = 0; booked < bookings; a++) {
            int attendees = a % 20 == 19 ? Math.min(3, bookings - booked) : 1;
            List<Integer> customers = new ArrayList<>();
            for (int i = 0; i < attendees; i++) {
                customers.add((booked + i) % customers());
            }
            booked += attendees;
            AppointmentCompleted appointment = appointment(a, customers);
            events.add(new Event(Topics.APPOINTMENTS, Keys.appointment(businessId(), appointment.getAppointmentId()),
                    appointment));
        }
        return events;
    }

    AppointmentCompleted appointment(int a, List<Integer> customers) {
        int s = a % SERVICES;
        Instant start = BASE.minus(a, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        String appointmentId = "appt-" + a;
        return AppointmentCompleted.newBuilder().setEventId(id("appointment", appointmentId))
                .setOccurredAt(BASE.plusSeconds(1)).setBusinessId(businessId()).setAppointmentId(appointmentId)
                .setRevision("r1").setServiceId(serviceId(s)).setServiceName("Service " + s).setStart(start)
                .setEnd(start.plus(30, ChronoUnit.MINUTES)).setTimeZone("UTC").setPriceType(PriceType.fixedPrice)
                .setPrice(price(s)).setCurrency("EUR")
                .setAttendees(customers.stream().map(c -> Attendee.newBuilder().setBookingsCustomerId(customerId(c))
                        .setName("Customer " + c).setEmailAddress(customerId(c) + "@" + name + ".example").build())
                        .toList())
                .build();
    }

    /** Every booking id, in publishing order. */
    List<String> bookingIds() {
        List<String> ids = new ArrayList<>();
        for (Event event : appointments()) {
            AppointmentCompleted a = (AppointmentCompleted) event.value();
            a.getAttendees().forEach(at -> ids.add(Keys.booking(a.getBusinessId(), a.getAppointmentId(),
                    at.getBookingsCustomerId())));
        }
        return ids;
    }

    /**
     * The invoicing run, first phase: SELECTED commands over consecutive, disjoint slices of {@code perCommand}
     * bookings (half a slice left out). Their order does not matter, so a clean and a faulty run agree whatever
     * partition each command lands on.
     */
    List<InvoiceBookings> selectedCommands(int perCommand) {
        List<String> ids = bookingIds();
        List<InvoiceBookings> commands = new ArrayList<>();
        int selected = ids.size() - Math.min(perCommand, ids.size()) / 2;
        for (int from = 0, n = 0; from < selected; from += perCommand, n++) {
            commands.add(invoice(name + "-select-" + n, InvoiceScope.SELECTED,
                    ids.subList(from, Math.min(selected, from + perCommand))));
        }
        return commands;
    }

    /**
     * The invoicing run, second phase (sent once the first phase has its results: Kafka orders commands only within
     * a key, and an invoice-all racing the selections would take some of their bookings): invoice all of this
     * business, which picks up the rest.
     */
    InvoiceBookings invoiceAll() {
        return invoice(name + "-all", InvoiceScope.ALL, List.of());
    }

    /** Both phases, for their ids and the clean run. */
    List<InvoiceBookings> commands(int perCommand) {
        List<InvoiceBookings> commands = new ArrayList<>(selectedCommands(perCommand));
        commands.add(invoiceAll());
        return commands;
    }

    InvoiceBookings invoice(String commandId, InvoiceScope scope, List<String> bookingIds) {
        return InvoiceBookings.newBuilder().setCommandId(commandId).setIssuedAt(BASE.plusSeconds(3600))
                .setIssuedBy("fault-suite").setScope(scope).setBookingIds(new ArrayList<>(bookingIds))
                .setCustomerNo(null).setBusinessId(businessId()).setFrom(null).setTo(null).build();
    }

    private static BigDecimal price(int s) {
        return new BigDecimal(20 + 5 * s).setScale(2);
    }

    private String id(String kind, String key) {
        return UUID.nameUUIDFromBytes((businessId() + "/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
