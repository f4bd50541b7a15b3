package dev.bookingsinvoicing.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Decimal128;

import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * The synthetic data set of the bulk scenarios: {@value #BUSINESSES} Bookings businesses, N/10 customers spread
 * evenly over them (10 bookings each), {@value #SERVICES} fixed-price services per business, one attendee per
 * appointment, every appointment ended in the past, so every booking becomes READY once its registrations are in.
 */
final class Fixtures {

    static final int BUSINESSES = 10;
    static final int SERVICES = 20;
    static final String CURRENCY = "EUR";

    private final int size;
    private final int customersPerBusiness;
    private final Instant base;

    Fixtures(int size) {
        this.size = size;
        this.customersPerBusiness = Math.max(1, size / 10 / BUSINESSES);
        this.base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(40));
    }

    int customers() {
        return customersPerBusiness * BUSINESSES;
    }

    static String businessId(int b) {
        return "bench" + b + "@bench.example";
    }

    static String customerNo(int b, int c) {
        return String.format("C%02d%07d", b, c);
    }

    private static String customerId(int c) {
        return "cust-" + c;
    }

    private static String serviceId(int s) {
        return "svc-" + s;
    }

    List<ItemRegistered> items() {
        List<ItemRegistered> items = new ArrayList<>();
        for (int b = 0; b < BUSINESSES; b++) {
            for (int s = 0; s < SERVICES; s++) {
                items.add(ItemRegistered.newBuilder().setEventId(id("item", b, s)).setOccurredAt(base)
                        .setBusinessId(businessId(b)).setServiceId(serviceId(s)).setItemNo(String.format("SVC%04d", s))
                        .setDescription("Service " + s).setUnitPrice(price()).setBaseUnitOfMeasure("HOUR")
                        .setTemplateCode("BOOKINGS-SVC").build());
            }
        }
        return items;
    }

    List<CustomerRegistered> customerRegistrations() {
        List<CustomerRegistered> customers = new ArrayList<>();
        for (int b = 0; b < BUSINESSES; b++) {
            for (int c = 0; c < customersPerBusiness; c++) {
                customers.add(CustomerRegistered.newBuilder().setEventId(id("customer", b, c)).setOccurredAt(base)
                        .setBusinessId(businessId(b)).setBookingsCustomerId(customerId(c))
                        .setCustomerNo(customerNo(b, c)).setName("Customer " + b + "/" + c)
                        .setEmailAddress("customer" + c + "@bench" + b + ".example").setTemplateCode("BOOKINGS")
                        .setNewCustomer(true).build());
            }
        }
        return customers;
    }

    /** Appointment {@code i} of round {@code round} (a second round gives N new bookings of the same customers). */
    AppointmentCompleted appointment(int round, int i) {
        int b = i % BUSINESSES;
        int c = (i / BUSINESSES) % customersPerBusiness;
        int s = (i / 7) % SERVICES;
        Instant start = base.plus(Duration.ofMinutes(i % 50_000)).plus(Duration.ofDays(round));
        return AppointmentCompleted.newBuilder().setEventId(id("appointment", round, i)).setOccurredAt(start.plus(
                Duration.ofHours(1))).setBusinessId(businessId(b)).setAppointmentId(appointmentId(round, i))
                .setRevision("1").setServiceId(serviceId(s)).setServiceName("Service " + s).setStart(start)
                .setEnd(start.plus(Duration.ofMinutes(30))).setTimeZone("Europe/Amsterdam")
                .setPriceType(PriceType.fixedPrice).setPrice(price()).setCurrency(CURRENCY)
                .setAttendees(List.of(Attendee.newBuilder().setBookingsCustomerId(customerId(c))
                        .setName("Customer " + b + "/" + c).setEmailAddress("customer" + c + "@bench" + b + ".example")
                        .setPhone("+31 6 12345678").build()))
                .build();
    }

    static String appointmentId(int round, int i) {
        return "r" + round + "-appt-" + i;
    }

    /** A document shaped like a view row as Spring Data writes it (same fields, types and sizes). */
    Document viewRowDocument(int i) {
        AppointmentCompleted a = appointment(0, i);
        Attendee attendee = a.getAttendees().get(0);
        return new Document("_id", Keys.booking(a.getBusinessId(), a.getAppointmentId(),
                attendee.getBookingsCustomerId()))
                .append("businessId", a.getBusinessId()).append("appointmentId", a.getAppointmentId())
                .append("bookingsCustomerId", attendee.getBookingsCustomerId())
                .append("start", Date.from(a.getStart())).append("end", Date.from(a.getEnd()))
                .append("durationMinutes", 30L).append("timeZone", a.getTimeZone())
                .append("localDate", LocalDate.ofInstant(a.getStart(), ZoneId.of(a.getTimeZone())).toString())
                .append("serviceId", a.getServiceId()).append("serviceName", a.getServiceName())
                .append("itemNo", "SVC0001").append("customerName", attendee.getName())
                .append("customerEmail", attendee.getEmailAddress())
                .append("customerNo", customerNo(i % BUSINESSES, (i / BUSINESSES) % customersPerBusiness))
                .append("billToName", attendee.getName()).append("priceType", "fixedPrice")
                .append("price", new Decimal128(price())).append("currency", CURRENCY)
                .append("quantity", new Decimal128(new BigDecimal("1.0000")))
                .append("unitPrice", new Decimal128(price())).append("amount", new Decimal128(price()))
                .append("revision", "1").append("status", "READY")
                .append("_class", "dev.bookingsinvoicing.invoicing.view.BookingRow");
    }

    int size() {
        return size;
    }

    private static BigDecimal price() {
        return new BigDecimal("35.00");
    }

    private static String id(String kind, int a, int b) {
        return UUID.nameUUIDFromBytes((kind + "/" + a + "/" + b).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
