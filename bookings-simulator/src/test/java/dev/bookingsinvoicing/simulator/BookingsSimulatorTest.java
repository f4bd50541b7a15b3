package dev.bookingsinvoicing.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.simulator.SimulatedTenant.Appointment;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Customer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BookingsSimulatorTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static BookingsSimulator simulator;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = BookingsSimulator.start(SimulatorSettings.defaults().withPageSize(7)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void seedsTwoBusinessesWithTheAwkwardCases() {
        List<Business> businesses = simulator.tenant().businesses();
        assertThat(businesses).hasSize(2);
        assertThat(businesses).extracting(Business::currency).containsExactly("EUR", "USD");
        assertThat(businesses.stream().mapToInt(b -> b.customers().size()).sum()).isEqualTo(40);
        Business salon = businesses.get(0);
        assertThat(salon.customers()).anyMatch(c -> c.emailAddress() == null);
        Map<String, Long> byEmail = salon.customers().stream().map(Customer::emailAddress).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(e -> e.toLowerCase(Locale.ROOT), Collectors.counting()));
        assertThat(byEmail).containsValue(2L);
        assertThat(salon.services()).extracting(SimulatedTenant.Service::priceType)
                .contains("fixedPrice", "startingAt", "hourly", "free", "priceVaries");
        assertThat(salon.appointments()).filteredOn(a -> a.maximumAttendeesCount() == 5).isNotEmpty()
                .allMatch(a -> a.attendees().size() >= 2 && a.attendees().size() <= 5);
        assertThat(salon.appointments()).allMatch(a -> !a.start().isBefore(NOW.minusSeconds(60 * 86400))
                && a.start().isBefore(NOW.plusSeconds(14 * 86400)));
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        SimulatorSettings settings = SimulatorSettings.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(new TenantGenerator(settings).generate().businesses())
                .isEqualTo(new TenantGenerator(settings).generate().businesses());
        assertThat(new TenantGenerator(settings.withSeed(7)).generate().businesses())
                .isNotEqualTo(new TenantGenerator(settings).generate().businesses());
    }

    @Test
    void pagingFollowsNextLinkToEveryItemInGraphShape() throws Exception {
        Business salon = simulator.tenant().businesses().get(0);
        String base = businessUrl(salon);

        List<JsonNode> customers = readAll(base + "/customers");
        assertThat(customers).extracting(c -> c.get("id").asString())
                .containsExactlyElementsOf(salon.customers().stream().map(Customer::id).toList());
        assertThat(customers.get(0).get("@odata.type").asString()).isEqualTo("#microsoft.graph.bookingCustomer");

        List<JsonNode> appointments = readAll(base + "/appointments");
        assertThat(appointments).hasSize(salon.appointments().size());
        JsonNode first = appointments.get(0);
        Appointment expected = salon.appointments().get(0);
        assertThat(first.get("@odata.type").asString()).isEqualTo("#microsoft.graph.bookingAppointment");
        assertThat(first.get("startDateTime").get("dateTime").asString())
                .isEqualTo(GraphJson.graphDateTime(expected.start())).endsWith(".0000000");
        assertThat(first.get("startDateTime").get("timeZone").asString()).isEqualTo("UTC");
        assertThat(first.get("customers").get(0).get("customerId").asString())
                .isEqualTo(expected.attendees().get(0).customerId());
        assertThat(first.get("customers").get(0).get("@odata.type").asString())
                .isEqualTo("#microsoft.graph.bookingCustomerInformation");

        List<JsonNode> services = readAll(base + "/services");
        assertThat(services).extracting(s -> s.get("defaultPriceType").asString())
                .contains("fixedPrice", "startingAt", "hourly", "free", "priceVaries");
        assertThat(services.get(0).get("defaultDuration").asString()).isEqualTo("PT30M");

        JsonNode business = MAPPER.readTree(get(base, simulator.accessToken()).body());
        assertThat(business.get("defaultCurrencyIso").asString()).isEqualTo("EUR");
        assertThat(business.get("id").asString()).isEqualTo(salon.id());
    }

    @Test
    void calendarViewReturnsOnlyAppointmentsOverlappingTheWindow() throws Exception {
        Business shop = simulator.tenant().businesses().get(1);
        Instant start = NOW.minusSeconds(7 * 86400);
        List<JsonNode> inWindow = readAll(businessUrl(shop) + "/calendarView?start=" + enc(start.toString())
                + "&end=" + enc(NOW.toString()));
        List<String> expected = shop.appointments().stream()
                .filter(a -> a.start().isBefore(NOW) && a.end().isAfter(start)).map(Appointment::id).toList();
        assertThat(expected).hasSizeGreaterThan(7).hasSizeLessThan(shop.appointments().size());
        assertThat(inWindow).extracting(a -> a.get("id").asString()).containsExactlyElementsOf(expected);
    }

    @Test
    void requestsWithoutTheTokenAreUnauthorized() throws Exception {
        String url = businessUrl(simulator.tenant().businesses().get(0)) + "/customers";
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(missing.body()).get("error").get("code").asString())
                .isEqualTo("InvalidAuthenticationToken");
        assertThat(get(url, "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void mutatorsChangeWhatIsServed() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().withVolume(1, 5, 3, 4);
        try (BookingsSimulator small = BookingsSimulator.start(settings)) {
            Business b = small.tenant().businesses().get(0);
            Appointment a = b.appointments().get(0);
            small.tenant().changeAppointmentPrice(b.id(), a.id(), new java.math.BigDecimal("99.50"));
            small.tenant().removeAppointment(b.id(), b.appointments().get(1).id());
            HttpResponse<String> response = get(small.baseUrl() + "/v1.0/solutions/bookingBusinesses/"
                    + enc(b.id()) + "/appointments", small.accessToken());
            JsonNode value = MAPPER.readTree(response.body()).get("value");
            assertThat(value.size()).isEqualTo(3);
            assertThat(value.get(0).get("price").asDouble()).isEqualTo(99.5);
        }
    }

    @Test
    void injectedFaultsAnswerInScriptOrderThenServeNormally() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().withVolume(2, 5, 3, 4);
        try (BookingsSimulator faulty = BookingsSimulator.start(settings)) {
            Business b = faulty.tenant().businesses().get(0);
            Business other = faulty.tenant().businesses().get(1);
            String url = faulty.baseUrl() + "/v1.0/solutions/bookingBusinesses/" + enc(b.id()) + "/services";
            String otherUrl = faulty.baseUrl() + "/v1.0/solutions/bookingBusinesses/" + enc(other.id()) + "/services";
            Instant until = Instant.parse("2026-11-20T10:00:02Z");
            faulty.faults().script(b.id(), Faults.Endpoint.SERVICES, Faults.Fault.tooManyRequests(2),
                    Faults.Fault.tooManyRequestsUntil(until), Faults.Fault.status(503), Faults.Fault.pass(),
                    Faults.Fault.malformedBody());

            // the other business is not affected by a business-specific script
            assertThat(get(otherUrl, faulty.accessToken()).statusCode()).isEqualTo(200);
            HttpResponse<String> first = get(url, faulty.accessToken());
            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(first.headers().firstValue("Retry-After")).contains("2");
            assertThat(MAPPER.readTree(first.body()).get("error").get("code").asString()).isEqualTo("TooManyRequests");
            assertThat(get(url, faulty.accessToken()).headers().firstValue("Retry-After"))
                    .contains("Fri, 20 Nov 2026 10:00:02 GMT");
            assertThat(get(url, faulty.accessToken()).statusCode()).isEqualTo(503);
            assertThat(get(url, faulty.accessToken()).statusCode()).isEqualTo(200);
            HttpResponse<String> malformed = get(url, faulty.accessToken());
            assertThat(malformed.statusCode()).isEqualTo(200);
            assertThat(malformed.body()).doesNotEndWith("}");
            assertThat(get(url, faulty.accessToken()).statusCode()).isEqualTo(200);
            assertThat(faulty.faults().injected(Faults.Endpoint.SERVICES)).isEqualTo(4);
            assertThat(faulty.faults().pending()).isZero();
        }
    }

    @Test
    void slowAnswersRandomRatesAndDamagedItems() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().withVolume(1, 5, 3, 4);
        try (BookingsSimulator faulty = BookingsSimulator.start(settings)) {
            Business b = faulty.tenant().businesses().get(0);
            String base = faulty.baseUrl() + "/v1.0/solutions/bookingBusinesses/" + enc(b.id());
            faulty.faults().script(Faults.Endpoint.CUSTOMERS, Faults.Fault.slow(java.time.Duration.ofMillis(600)));
            long started = System.nanoTime();
            assertThat(get(base + "/customers", faulty.accessToken()).statusCode()).isEqualTo(200);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(
                    java.time.Duration.ofMillis(550));

            faulty.faults().rate(Faults.Endpoint.APPOINTMENTS, 0.5, Faults.Fault.status(504));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(get(base + "/appointments", faulty.accessToken()).statusCode());
            }
            assertThat(statuses).contains(200, 504);
            faulty.faults().clear();

            String appointmentId = b.appointments().get(0).id();
            faulty.faults().damage(appointmentId, node -> {
                node.remove("startDateTime");
                node.putNull("price");
            });
            JsonNode value = MAPPER.readTree(get(base + "/appointments", faulty.accessToken()).body()).get("value");
            assertThat(value.get(0).get("id").asString()).isEqualTo(appointmentId);
            assertThat(value.get(0).has("startDateTime")).isFalse();
            assertThat(value.get(0).get("price").isNull()).isTrue();
            assertThat(value.get(1).has("startDateTime")).isTrue();
            assertThat(faulty.requests()).last().asString().endsWith("/appointments");
        }
    }

    private static String businessUrl(Business business) {
        return simulator.baseUrl() + "/v1.0/solutions/bookingBusinesses/" + enc(business.id());
    }

    private static List<JsonNode> readAll(String url) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String next = url;
        int pages = 0;
        while (next != null) {
            HttpResponse<String> response = get(next, simulator.accessToken());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = MAPPER.readTree(response.body());
            assertThat(page.get("value").size()).isLessThanOrEqualTo(7);
            page.get("value").forEach(items::add);
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asString() : null;
            assertThat(++pages).isLessThan(100);
        }
        return items;
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
