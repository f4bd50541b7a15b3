package dev.bookingsinvoicing.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
                .contains("fixedPrice", "startingAt", "hourly", "free", "priceVaries", "callUs", "notSet");
        assertThat(salon.services()).filteredOn(s -> s.priceType().equals("notSet")).singleElement()
                .extracting(SimulatedTenant.Service::defaultPrice).isNull();
        assertThat(salon.services()).filteredOn(s -> s.priceType().equals("hourly"))
                .extracting(s -> s.defaultDuration().toMinutes()).contains(20L, 40L, 7L);
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
    void aTidyTenantIsTheSameTenantWithoutItsFiveImplausibleAppointmentsPerBusiness() {
        SimulatorSettings settings = SimulatorSettings.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        List<Business> full = new TenantGenerator(settings).generate().businesses();
        List<Business> tidy = new TenantGenerator(settings.withImplausibleRecords(false)).generate().businesses();
        for (int i = 0; i < full.size(); i++) {
            assertThat(tidy.get(i).customers()).isEqualTo(full.get(i).customers());
            assertThat(tidy.get(i).appointments()).hasSize(150);
            assertThat(full.get(i).appointments()).hasSize(155).containsAll(tidy.get(i).appointments());
            assertThat(tidy.get(i).appointments()).noneMatch(BookingsSimulatorTest::implausible);
            assertThat(full.get(i).appointments()).filteredOn(BookingsSimulatorTest::implausible).hasSize(5)
                    .allMatch(a -> a.end().isBefore(NOW) && a.start().isBefore(NOW));
        }
    }

    /** What a reader must not bill as it is, decided from the data alone. */
    private static boolean implausible(Appointment a) {
        return a.end().isBefore(a.start()) || a.attendees().isEmpty() || a.zone() == null
                || (a.price() != null && a.price().signum() < 0)
                || (a.priceType().equals("hourly") && a.duration().isZero());
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
        assertThat(appointments).extracting(a -> a.get("id").asString())
                .containsExactlyElementsOf(salon.appointments().stream().map(Appointment::id).toList());
        JsonNode first = appointments.stream().filter(a -> a.get("customers").size() > 0).findFirst().orElseThrow();
        Appointment expected = salon.appointments().stream().filter(a -> a.id().equals(first.get("id").asString()))
                .findFirst().orElseThrow();
        assertThat(first.get("@odata.type").asString()).isEqualTo("#microsoft.graph.bookingAppointment");
        assertThat(first.get("customers").get(0).get("customerId").asString())
                .isEqualTo(expected.attendees().get(0).customerId());
        assertThat(first.get("customers").get(0).get("@odata.type").asString())
                .isEqualTo("#microsoft.graph.bookingCustomerInformation");

        List<JsonNode> services = readAll(base + "/services");
        assertThat(services).extracting(s -> s.get("defaultPriceType").asString())
                .contains("fixedPrice", "startingAt", "hourly", "free", "priceVaries", "callUs", "notSet");
        assertThat(services.get(0).get("defaultDuration").asString()).isEqualTo("PT30M");
        assertThat(services).filteredOn(s -> s.get("defaultPriceType").asString().equals("notSet")).singleElement()
                .satisfies(s -> assertThat(s.has("defaultPrice")).isFalse());
        assertThat(services).filteredOn(s -> s.get("defaultPriceType").asString().equals("hourly"))
                .extracting(s -> s.get("defaultDuration").asString()).contains("PT20M", "PT40M", "PT7M");

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

    /** The zone each name Graph writes stands for: Windows names as CLDR maps them, IANA ids as themselves. */
    static final Map<String, ZoneId> ZONE_NAMES = Map.of(
            "W. Europe Standard Time", ZoneId.of("Europe/Berlin"),
            "Pacific Standard Time", ZoneId.of("America/Los_Angeles"),
            "Tokyo Standard Time", ZoneId.of("Asia/Tokyo"),
            "AUS Eastern Standard Time", ZoneId.of("Australia/Sydney"),
            "India Standard Time", ZoneId.of("Asia/Kolkata"),
            "E. South America Standard Time", ZoneId.of("America/Sao_Paulo"),
            "Europe/Amsterdam", ZoneId.of("Europe/Amsterdam"),
            "UTC", ZoneId.of("UTC"));
    static final Pattern LOCAL = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}");
    static final Pattern OFFSET = Pattern.compile(LOCAL.pattern() + "[+-]\\d{2}:\\d{2}");
    static final Pattern UTC_Z = Pattern.compile(LOCAL.pattern() + "Z");

    @Test
    void everyAppointmentIsServedInAZoneGraphNamesAndReadsBackToItsInstants() throws Exception {
        Map<String, Integer> shapes = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        for (Business business : simulator.tenant().businesses()) {
            // the business says its own zone; times Graph writes in UTC are dated in it
            JsonNode servedBusiness = MAPPER.readTree(get(businessUrl(business), simulator.accessToken()).body());
            assertThat(servedBusiness.get("bookingPageSettings").get("businessTimeZone").asString())
                    .isEqualTo(business.timeZoneName());
            assertThat(business.timeZone().getRules().getOffset(NOW))
                    .isEqualTo(ZONE_NAMES.get(business.timeZoneName()).getRules().getOffset(NOW));
            Map<String, Appointment> truth = business.appointments().stream()
                    .collect(Collectors.toMap(Appointment::id, a -> a));
            for (JsonNode served : readAll(businessUrl(business) + "/appointments")) {
                Appointment a = truth.get(served.get("id").asString());
                String zoneName = served.get("startDateTime").get("timeZone").asString();
                names.add(zoneName);
                assertThat(served.get("endDateTime").get("timeZone").asString()).isEqualTo(zoneName);
                if (zoneName.equals("Mars Standard Time")) {
                    assertThat(a.zone()).isNull();
                    continue;
                }
                ZoneId zone = ZONE_NAMES.get(zoneName);
                assertThat(zone).as(zoneName).isNotNull();
                assertThat(a.zone()).isEqualTo(zoneName.equals("UTC") ? business.timeZone() : zone);
                String start = served.get("startDateTime").get("dateTime").asString();
                shapes.merge(shape(start), 1, Integer::sum);
                assertThat(read(start, zone)).as("start of %s in %s", start, zoneName).isEqualTo(a.start());
                assertThat(read(served.get("endDateTime").get("dateTime").asString(), zone)).isEqualTo(a.end());
                assertThat(served.get("duration").asString()).isEqualTo(Duration.between(a.start(), a.end()).toString());
            }
        }
        assertThat(names).containsAll(ZONE_NAMES.keySet()).contains("Mars Standard Time");
        assertThat(shapes.keySet()).containsExactly("local", "offset", "utc");
    }

    /** The instant a Graph dateTime string stands for, read as Graph documents it (not with the simulator's code). */
    private static Instant read(String dateTime, ZoneId zone) {
        return switch (shape(dateTime)) {
            case "utc" -> Instant.parse(dateTime);
            case "offset" -> {
                OffsetDateTime written = OffsetDateTime.parse(dateTime);
                assertThat(written.getOffset()).as("the zone's own offset in " + dateTime)
                        .isEqualTo(zone.getRules().getOffset(written.toInstant()));
                yield written.toInstant();
            }
            default -> LocalDateTime.parse(dateTime).atZone(zone).toInstant();
        };
    }

    private static String shape(String dateTime) {
        if (UTC_Z.matcher(dateTime).matches()) {
            return "utc";
        }
        if (OFFSET.matcher(dateTime).matches()) {
            return "offset";
        }
        assertThat(dateTime).matches(LOCAL);
        return "local";
    }

    @Test
    void bookingsWhoseLocalDayIsNotTheirUtcDayAndOneAcrossTheLastDaylightSavingChange() throws Exception {
        Business salon = simulator.tenant().businesses().get(0);
        Map<String, JsonNode> served = readAll(businessUrl(salon) + "/appointments").stream()
                .collect(Collectors.toMap(a -> a.get("id").asString(), a -> a));
        List<Appointment> completed = salon.appointments().stream()
                .filter(a -> a.end().isBefore(NOW) && a.zone() != null && !a.attendees().isEmpty()).toList();

        // 17:00 in Los Angeles is the next day in UTC; 08:00 in Tokyo the day before
        assertThat(completed).anySatisfy(a -> {
            assertThat(a.timeZoneName()).isEqualTo("Pacific Standard Time");
            assertThat(served.get(a.id()).get("startDateTime").get("dateTime").asString()).endsWith("T17:00:00.0000000");
            assertThat(LocalDate.ofInstant(a.start(), ZoneOffset.UTC))
                    .isEqualTo(LocalDate.ofInstant(a.start(), a.zone()).plusDays(1));
        });
        assertThat(completed).anySatisfy(a -> {
            assertThat(a.timeZoneName()).isEqualTo("Tokyo Standard Time");
            assertThat(served.get(a.id()).get("startDateTime").get("dateTime").asString())
                    .endsWith("T08:00:00.0000000+09:00");
            assertThat(LocalDate.ofInstant(a.start(), ZoneOffset.UTC))
                    .isEqualTo(LocalDate.ofInstant(a.start(), a.zone()).minusDays(1));
        });
        // Los Angeles fell back from 02:00 PDT to 01:00 PST on 2026-11-01, the last change before NOW in any zone of
        // the table: midnight to 02:00 on the wall is three real hours, and an hourly booking bills three
        assertThat(completed).anySatisfy(a -> {
            JsonNode json = served.get(a.id());
            assertThat(json.get("startDateTime").get("dateTime").asString()).isEqualTo("2026-11-01T00:00:00.0000000");
            assertThat(json.get("endDateTime").get("dateTime").asString()).isEqualTo("2026-11-01T02:00:00.0000000");
            assertThat(json.get("startDateTime").get("timeZone").asString()).isEqualTo("Pacific Standard Time");
            assertThat(json.get("duration").asString()).isEqualTo("PT3H");
            assertThat(json.get("priceType").asString()).isEqualTo("hourly");
            assertThat(a.start()).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
            assertThat(a.end()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        });
    }

    @Test
    void theImplausibleAndUnreadableAppointmentsAsServed() throws Exception {
        Business shop = simulator.tenant().businesses().get(1);
        List<JsonNode> served = readAll(businessUrl(shop) + "/calendarView?start="
                + enc(NOW.minusSeconds(30 * 86400).toString()) + "&end=" + enc(NOW.toString()));

        assertThat(served).filteredOn(a -> read(a, "endDateTime").isBefore(read(a, "startDateTime"))).singleElement()
                .satisfies(a -> assertThat(a.get("duration").asString()).isEqualTo("PT-30M"));
        assertThat(served).filteredOn(a -> a.has("price") && a.get("price").asDouble() < 0).singleElement()
                .satisfies(a -> {
                    assertThat(a.get("price").asDouble()).isEqualTo(-10.0);
                    assertThat(a.get("priceType").asString()).isEqualTo("fixedPrice");
                    assertThat(a.get("customers").size()).isOne();
                });
        assertThat(served).filteredOn(a -> a.get("customers").isEmpty()).singleElement().satisfies(a -> {
            assertThat(a.get("customerId").isNull()).isTrue();
            assertThat(a.get("filledAttendeesCount").asInt()).isZero();
        });
        assertThat(served).filteredOn(a -> a.get("priceType").asString().equals("hourly")
                && a.get("duration").asString().equals("PT0S")).singleElement().satisfies(a -> {
                    assertThat(a.get("startDateTime")).isEqualTo(a.get("endDateTime"));
                    assertThat(a.get("price").asDouble()).isPositive();
                });
        assertThat(served).filteredOn(a -> a.get("startDateTime").get("timeZone").asString()
                .equals("Mars Standard Time")).singleElement()
                .satisfies(a -> assertThat(a.get("startDateTime").get("dateTime").asString()).matches(LOCAL));
    }

    private static Instant read(JsonNode appointment, String key) {
        JsonNode value = appointment.get(key);
        return read(value.get("dateTime").asString(), ZONE_NAMES.getOrDefault(value.get("timeZone").asString(),
                ZoneOffset.UTC));
    }

    @Test
    void theTimesComeUnderStartAndEndWhenAskedForTheShapeOfTheApiReferenceSample() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().withVolume(1, 5, 3, 6)
                .withAppointmentTimeKeys(SimulatorSettings.AppointmentTimeKeys.START_END)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        try (BookingsSimulator sample = BookingsSimulator.start(settings)) {
            Business b = sample.tenant().businesses().get(0);
            String base = sample.baseUrl() + "/v1.0/solutions/bookingBusinesses/" + enc(b.id());
            // a window around everything: 6 appointments and the 5 implausible ones, one page
            JsonNode calendar = MAPPER.readTree(get(base + "/calendarView?start=" + enc(NOW.minusSeconds(61 * 86400)
                    .toString()) + "&end=" + enc(NOW.plusSeconds(15 * 86400).toString()), sample.accessToken())
                    .body()).get("value");
            JsonNode appointments = MAPPER.readTree(get(base + "/appointments", sample.accessToken()).body())
                    .get("value");
            assertThat(calendar.size()).isEqualTo(11);
            assertThat(appointments.size()).isEqualTo(11);
            for (JsonNode a : List.of(calendar, appointments).stream().flatMap(v -> v.valueStream()).toList()) {
                assertThat(a.has("startDateTime") || a.has("endDateTime")).as(a.toString()).isFalse();
                Appointment truth = b.appointments().stream().filter(t -> t.id().equals(a.get("id").asString()))
                        .findFirst().orElseThrow();
                assertThat(a.get("start").get("timeZone").asString()).isEqualTo(truth.timeZoneName());
                if (truth.zone() != null) {
                    assertThat(read(a, "start")).isEqualTo(truth.start());
                    assertThat(read(a, "end")).isEqualTo(truth.end());
                }
            }
        }
    }

    @Test
    void anEmailChangeShowsOnTheCustomerAndOnEveryAppointmentThatListsThem() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().withVolume(1, 3, 3, 30).withImplausibleRecords(false);
        try (BookingsSimulator small = BookingsSimulator.start(settings)) {
            Business b = small.tenant().businesses().get(0);
            Customer customer = b.customers().get(2);
            long theirs = b.appointments().stream()
                    .filter(a -> a.attendees().stream().anyMatch(at -> at.customerId().equals(customer.id()))).count();
            assertThat(theirs).isPositive();

            small.tenant().changeCustomerEmail(b.id(), customer.id(), "new.address@example.org");

            String base = small.baseUrl() + "/v1.0/solutions/bookingBusinesses/" + enc(b.id());
            JsonNode customers = MAPPER.readTree(get(base + "/customers", small.accessToken()).body()).get("value");
            assertThat(customers.valueStream().filter(c -> c.get("id").asString().equals(customer.id())))
                    .singleElement().satisfies(c -> assertThat(c.get("emailAddress").asString())
                            .isEqualTo("new.address@example.org"));
            assertThat(customers.valueStream().filter(c -> !c.get("id").asString().equals(customer.id())))
                    .noneMatch(c -> "new.address@example.org".equals(c.get("emailAddress").asString()));
            List<JsonNode> attendeeEntries = new ArrayList<>();
            for (String page : List.of("0", "25")) {
                MAPPER.readTree(get(base + "/appointments?$skip=" + page, small.accessToken()).body()).get("value")
                        .forEach(a -> {
                            a.get("customers").forEach(c -> {
                                if (c.get("customerId").asString().equals(customer.id())) {
                                    attendeeEntries.add(c);
                                }
                            });
                            if (customer.id().equals(a.get("customerId").asString())) {
                                assertThat(a.get("customerEmailAddress").asString())
                                        .isEqualTo("new.address@example.org");
                            }
                        });
            }
            assertThat(attendeeEntries).hasSize((int) theirs)
                    .allSatisfy(c -> assertThat(c.get("emailAddress").asString()).isEqualTo("new.address@example.org"));
        }
    }

    @Test
    void mutatorsChangeWhatIsServed() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults().withVolume(1, 5, 3, 4).withImplausibleRecords(false);
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
