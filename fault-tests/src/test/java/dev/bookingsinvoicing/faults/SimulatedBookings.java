package dev.bookingsinvoicing.faults;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.simulator.SimulatedTenant;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sync must bring from the simulated tenant into the invoicing view, computed from the simulator's own data
 * (as EndToEndTest does): completed appointments with a price, one booking per attendee whose customer has an email.
 */
final class SimulatedBookings {

    private SimulatedBookings() {
    }

    static Set<String> expectedReady(FaultStack stack) {
        Instant now = Instant.now();
        Set<String> expected = new HashSet<>();
        for (SimulatedTenant.Business business : stack.stack.simulator().tenant().businesses()) {
            for (SimulatedTenant.Appointment appointment : business.appointments()) {
                if (!appointment.end().isBefore(now) || !priced(appointment)) {
                    continue;
                }
                for (SimulatedTenant.Attendee attendee : appointment.attendees()) {
                    String email = business.customer(attendee.customerId()).emailAddress();
                    if (email != null && !email.isBlank()) {
                        expected.add(Keys.booking(business.id(), appointment.id(), attendee.customerId()));
                    }
                }
            }
        }
        return expected;
    }

    private static boolean priced(SimulatedTenant.Appointment appointment) {
        return switch (appointment.priceType()) {
            case "fixedPrice", "startingAt", "hourly" -> appointment.price() != null;
            case "free" -> true;
            default -> false;
        };
    }

    /** READY rows of the simulator's businesses in the invoicing view. */
    static Set<String> readyInView(FaultStack stack) {
        Set<String> businesses = new HashSet<>();
        stack.stack.simulator().tenant().businesses().forEach(b -> businesses.add(b.id()));
        Set<String> ready = new HashSet<>();
        stack.invoicingDatabase().getCollection(FaultStack.VIEW).find(new Document("status", "READY"))
                .projection(new Document("_id", 1).append("businessId", 1))
                .forEach(d -> {
                    if (businesses.contains(d.getString("businessId"))) {
                        ready.add(d.getString("_id"));
                    }
                });
        return ready;
    }

    /** Adds completed, fixed-price appointments to the first business (new work for the next sync). */
    static int addCompletedAppointments(FaultStack stack, String prefix, int count) {
        SimulatedTenant tenant = stack.stack.simulator().tenant();
        SimulatedTenant.Business business = tenant.businesses().get(0);
        SimulatedTenant.Service service = business.services().stream()
                .filter(s -> "fixedPrice".equals(s.priceType()) && s.defaultPrice() != null).findFirst()
                .orElse(business.services().get(0));
        List<SimulatedTenant.Customer> customers = business.customers().stream()
                .filter(c -> c.emailAddress() != null && !c.emailAddress().isBlank()).toList();
        Instant end = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < count; i++) {
            SimulatedTenant.Customer customer = customers.get(i % customers.size());
            Instant start = end.minus(30 + i, ChronoUnit.MINUTES);
            tenant.addAppointment(business.id(), new SimulatedTenant.Appointment(prefix + "-" + i, service.id(),
                    service.displayName(), start, start.plus(30, ChronoUnit.MINUTES), new BigDecimal("30.00"),
                    "fixedPrice", 1, List.of(new SimulatedTenant.Attendee(customer.id(), customer.displayName(),
                            customer.emailAddress(), customer.phone()))));
        }
        return count;
    }

    /** The record ids the sync's quarantine lists (GET /api/sync/quarantine). */
    static Set<String> quarantined(FaultStack stack) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.stack.syncUrl() + "/api/sync/quarantine"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            Set<String> ids = new HashSet<>();
            JsonMapper.builder().build().readTree(body).forEach(entry -> ids.add(entry.get("recordId").asString()));
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST /api/sync/run?full=true as the development admin; returns the HTTP status. */
    static int runSyncNow(FaultStack stack) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.stack.syncUrl() + "/api/sync/run?full=true"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                    .handle((response, error) -> response == null ? -1 : response.statusCode()).join();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
