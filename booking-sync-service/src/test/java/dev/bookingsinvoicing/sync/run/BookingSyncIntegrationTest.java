package dev.bookingsinvoicing.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Appointment;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Customer;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Service;
import dev.bookingsinvoicing.simulator.SimulatorSettings;

/**
 * The sync against the Graph simulator (through the real Graph SDK), a real embedded Kafka broker and the embedded
 * MongoDB server: everything once, nothing twice, a change once more.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=booking-sync-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "bookings.kafka.topics.partitions=1",
        // the test drives runs itself, as of a fixed instant
        "bookings.sync.enabled=false" })
class BookingSyncIntegrationTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration WAIT = Duration.ofSeconds(60);
    static final BookingsSimulator SIMULATOR = BookingsSimulator
            .start(SimulatorSettings.defaults().withPageSize(10).withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://localhost:" + MONGO_ADDRESS.getPort() + "/booking-sync");
        registry.add("bookings.sync.graph.base-url", SIMULATOR::baseUrl);
        registry.add("bookings.sync.graph.auth", () -> "static-token");
        registry.add("bookings.sync.graph.static-token", SIMULATOR::accessToken);
        List<Business> businesses = SIMULATOR.tenant().businesses();
        for (int i = 0; i < businesses.size(); i++) {
            String id = businesses.get(i).id();
            registry.add("bookings.sync.businesses[" + i + "].id", () -> id);
        }
    }

    @AfterAll
    static void stop() {
        SIMULATOR.close();
        MONGO.shutdownNow();
    }

    @Autowired
    SyncRunner runner;

    @Autowired
    SyncStatus status;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Value("${local.server.port}")
    int port;

    @Test
    void publishesEverythingOnceNothingTwiceAndAChangeOnceMore() throws Exception {
        List<Business> tenant = SIMULATOR.tenant().businesses();
        Map<String, Appointment> completed = tenant.stream()
                .flatMap(b -> b.appointments().stream().filter(a -> !a.end().isAfter(NOW))
                        .map(a -> Map.entry(Keys.appointment(b.id(), a.id()), a)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<String> serviceKeys = tenant.stream()
                .flatMap(b -> b.services().stream().map(s -> Keys.service(b.id(), s.id()))).toList();
        List<String> customerKeys = tenant.stream()
                .flatMap(b -> b.customers().stream().map(c -> Keys.customer(b.id(), c.id()))).toList();
        assertThat(completed).hasSizeGreaterThan(100);

        try (TopicReader appointments = new TopicReader(broker.getBrokersAsString(), Topics.APPOINTMENTS);
                TopicReader customers = new TopicReader(broker.getBrokersAsString(), Topics.CUSTOMERS);
                TopicReader services = new TopicReader(broker.getBrokersAsString(), Topics.SERVICES)) {

            // Given a tenant, when the first sync runs
            RunSummary first = runner.run(NOW);
            assertThat(first.businesses()).allMatch(b -> b.error() == null);
            assertThat(status.firstSyncCompleted()).isCompleted();

            // then every service, customer and completed appointment is published exactly once
            assertThat(services.awaitValues(serviceKeys.size(), WAIT)).hasSize(serviceKeys.size())
                    .map(ServiceDiscovered.class::cast)
                    .extracting(s -> Keys.service(s.getBusinessId(), s.getServiceId()))
                    .containsExactlyInAnyOrderElementsOf(serviceKeys);
            List<CustomerDiscovered> customerEvents = customers.awaitValues(customerKeys.size(), WAIT).stream()
                    .map(CustomerDiscovered.class::cast).toList();
            assertThat(customerEvents).extracting(c -> Keys.customer(c.getBusinessId(), c.getBookingsCustomerId()))
                    .containsExactlyInAnyOrderElementsOf(customerKeys);
            assertCustomersMatch(tenant, customerEvents);
            List<AppointmentCompleted> appointmentEvents = appointments.awaitValues(completed.size(), WAIT).stream()
                    .map(AppointmentCompleted.class::cast).toList();
            assertThat(appointmentEvents).hasSize(completed.size());
            assertAppointmentsMatch(tenant, completed, appointmentEvents);

            // when it runs again with nothing changed, nothing new is published
            RunSummary second = runner.run(NOW);
            assertThat(second.published()).isZero();
            assertThat(appointments.drain(Duration.ofSeconds(2))).hasSize(completed.size());
            assertThat(customers.drain(Duration.ofMillis(200))).hasSize(customerKeys.size());
            assertThat(services.drain(Duration.ofMillis(200))).hasSize(serviceKeys.size());

            // when one completed appointment's price changes, exactly one new event with a new eventId follows
            Business salon = tenant.get(0);
            Appointment changed = salon.appointments().stream()
                    .filter(a -> completed.containsKey(Keys.appointment(salon.id(), a.id())))
                    .filter(a -> a.price() != null).findFirst().orElseThrow();
            SIMULATOR.tenant().changeAppointmentPrice(salon.id(), changed.id(), new BigDecimal("123.45"));
            assertThat(runner.run(NOW).published()).isEqualTo(1);
            List<Object> afterChange = appointments.awaitValues(completed.size() + 1, WAIT);
            assertThat(appointments.drain(Duration.ofSeconds(1))).hasSize(completed.size() + 1);
            AppointmentCompleted repriced = (AppointmentCompleted) afterChange.get(completed.size());
            AppointmentCompleted original = appointmentEvents.stream()
                    .filter(e -> e.getAppointmentId().equals(changed.id())).findFirst().orElseThrow();
            assertThat(repriced.getAppointmentId()).isEqualTo(changed.id());
            assertThat(repriced.getPrice()).isEqualByComparingTo("123.45");
            assertThat(repriced.getEventId()).isNotEqualTo(original.getEventId());

            // when a completed appointment disappears from Bookings, one cancellation follows
            Appointment removed = salon.appointments().stream().filter(a -> !a.id().equals(changed.id()))
                    .filter(a -> completed.containsKey(Keys.appointment(salon.id(), a.id()))).findFirst()
                    .orElseThrow();
            SIMULATOR.tenant().removeAppointment(salon.id(), removed.id());
            assertThat(runner.run(NOW).published()).isEqualTo(1);
            Object cancelled = appointments.awaitValues(completed.size() + 2, WAIT).get(completed.size() + 1);
            assertThat(cancelled).isInstanceOf(AppointmentCancelled.class);
            assertThat(((AppointmentCancelled) cancelled).getAppointmentId()).isEqualTo(removed.id());
        }

        // and the status API says so
        HttpResponse<String> statusResponse = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sync/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(statusResponse.statusCode()).isEqualTo(200);
        assertThat(statusResponse.body()).contains("\"firstSyncDone\":true").contains(tenant.get(0).id());
    }

    private static void assertCustomersMatch(List<Business> tenant, List<CustomerDiscovered> events) {
        Map<String, Customer> expected = tenant.stream().flatMap(b -> b.customers().stream()
                .map(c -> Map.entry(Keys.customer(b.id(), c.id()), c)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (CustomerDiscovered event : events) {
            Customer customer = expected.get(Keys.customer(event.getBusinessId(), event.getBookingsCustomerId()));
            assertThat(event.getDisplayName()).isEqualTo(customer.displayName());
            assertThat(event.getEmailAddress()).isEqualTo(customer.emailAddress());
            assertThat(event.getPhone()).isEqualTo(customer.phone());
            assertThat(event.getCity()).isEqualTo(customer.address() == null ? null : customer.address().city());
        }
    }

    private static void assertAppointmentsMatch(List<Business> tenant, Map<String, Appointment> completed,
            List<AppointmentCompleted> events) {
        Map<String, Business> businesses = tenant.stream()
                .collect(Collectors.toMap(Business::id, Function.identity()));
        assertThat(events).extracting(e -> Keys.appointment(e.getBusinessId(), e.getAppointmentId()))
                .containsExactlyInAnyOrderElementsOf(completed.keySet());
        for (AppointmentCompleted event : events) {
            Appointment expected = completed.get(Keys.appointment(event.getBusinessId(), event.getAppointmentId()));
            Business business = businesses.get(event.getBusinessId());
            Service service = business.service(expected.serviceId());
            assertThat(event.getCurrency()).isEqualTo(business.currency());
            assertThat(event.getServiceId()).isEqualTo(expected.serviceId());
            assertThat(event.getServiceName()).isEqualTo(service.displayName());
            assertThat(event.getPriceType().name()).isEqualTo(expected.priceType());
            if (expected.price() == null) {
                assertThat(event.getPrice()).isNull();
            } else {
                assertThat(event.getPrice()).isEqualByComparingTo(expected.price());
            }
            assertThat(event.getStart()).isEqualTo(expected.start());
            assertThat(event.getEnd()).isEqualTo(expected.end());
            assertThat(event.getTimeZone()).isEqualTo("UTC");
            assertThat(event.getAttendees()).extracting(Attendee::getBookingsCustomerId)
                    .containsExactlyElementsOf(expected.attendees().stream().map(a -> a.customerId()).sorted(
                            Comparator.naturalOrder()).toList());
        }
        assertThat(events).anyMatch(e -> e.getAttendees().size() >= 2);
    }
}
