package dev.bookingsinvoicing.sync.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.Faults.Endpoint;
import dev.bookingsinvoicing.simulator.Faults.Fault;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.TopicContents;
import dev.bookingsinvoicing.sync.domain.BusinessRunSummary;
import dev.bookingsinvoicing.sync.domain.RunSummary;
import dev.bookingsinvoicing.sync.observability.SyncStatus;

/**
 * Several businesses synced in parallel ({@code bookings.sync.parallel-businesses=2}) through the real Graph SDK
 * against the simulator, a real embedded broker and the embedded MongoDB server: at most two requests in flight at
 * once and never two to the same business (mailbox), a business that fails does not stop the others, and the run's
 * answer lists the businesses in setup order.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(properties = { "spring.config.name=booking-sync-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "bookings.kafka.topics.partitions=1",
        "bookings.sync.enabled=false", "bookings.sync.parallel-businesses=2" })
class ParallelBusinessesTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(52));
    static final BookingsSimulator SIMULATOR = BookingsSimulator.start(SimulatorSettings.defaults()
            .withImplausibleRecords(false).withPageSize(10).withVolume(3, 10, 8, 40)
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    static final TestMongo MONGO = new TestMongo();
    // a mailbox the tenant does not have: Graph (the simulator) answers 404, so its run fails; first in setup order
    static final String UNKNOWN = "AClosedSalon@contoso.onmicrosoft.com";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.uri("booking-sync"));
        registry.add("bookings.sync.graph.base-url", SIMULATOR::baseUrl);
        registry.add("bookings.sync.graph.auth", () -> "static-token");
        registry.add("bookings.sync.graph.static-token", SIMULATOR::accessToken);
        List<String> ids = businessIds();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            registry.add("bookings.sync.businesses[" + i + "].id", () -> id);
        }
    }

    static List<String> businessIds() {
        return Stream.concat(Stream.of(UNKNOWN), SIMULATOR.tenant().businesses().stream().map(Business::id)).toList();
    }

    @AfterAll
    static void stop() {
        SIMULATOR.close();
        MONGO.close();
    }

    @Autowired
    SyncRunner runner;

    @Autowired
    SyncStatus status;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void businessesRunTwoAtATimeOneRequestPerMailboxAndAFailingOneStopsNoOther() {
        // Given the first two calendar pages of each business answered slowly, so the businesses' runs overlap
        for (Business b : SIMULATOR.tenant().businesses()) {
            SIMULATOR.faults().script(b.id(), Endpoint.CALENDAR_VIEW, Fault.slow(Duration.ofMillis(400)),
                    Fault.slow(Duration.ofMillis(400)));
        }

        // When one run syncs the four businesses, one of which Graph does not know
        RunSummary run = runner.run(NOW);

        // Then the answer lists them in setup order (by id), the unknown one failed and every other one published
        // each of its completed appointments
        assertThat(run.businesses()).extracting(BusinessRunSummary::businessId)
                .containsExactlyElementsOf(businessIds().stream().sorted().toList());
        assertThat(run.businesses().get(0).error()).contains("not found");
        assertThat(status.business(UNKNOWN).failing()).isTrue();
        for (Business b : SIMULATOR.tenant().businesses()) {
            List<String> completed = b.appointments().stream().filter(a -> !a.end().isAfter(NOW))
                    .map(a -> Keys.appointment(b.id(), a.id())).toList();
            assertThat(TopicContents.read(broker.getBrokersAsString(), Topics.APPOINTMENTS, b.id()).stream()
                    .filter(e -> e.value() instanceof AppointmentCompleted).map(TopicContents.Event::key))
                    .as("appointments of %s", b.id()).containsExactlyInAnyOrderElementsOf(completed);
            assertThat(status.business(b.id()).failing()).isFalse();
        }
        // and the simulator saw two requests at once at most (it answers four), never two to the same mailbox
        assertThat(SIMULATOR.inFlight().max()).isEqualTo(2);
        assertThat(SIMULATOR.inFlight().maxPerBusiness()).isEqualTo(1);
    }
}
