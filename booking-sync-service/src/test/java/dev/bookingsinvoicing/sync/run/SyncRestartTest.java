package dev.bookingsinvoicing.sync.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.service.testing.TestMongo;
import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.Faults.Endpoint;
import dev.bookingsinvoicing.simulator.Faults.Fault;
import dev.bookingsinvoicing.simulator.SimulatedTenant.Business;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.BookingSyncApplication;
import dev.bookingsinvoicing.sync.TopicContents.Event;
import dev.bookingsinvoicing.sync.TopicContents;
import dev.bookingsinvoicing.sync.observability.SyncStatus;
import dev.bookingsinvoicing.sync.setup.SetupStore;

/**
 * The sync started the way the local stack starts it ({@link BookingSyncApplication#builder()} with command-line
 * arguments, waiting on {@link SyncStatus#firstSyncCompleted()}), stopped halfway through paging the calendar, and
 * started again on the same Kafka and MongoDB: the second run completes the window and nothing is published twice.
 */
@EmbeddedKafka(partitions = 1)
class SyncRestartTest {

    @Test
    void killedHalfwayThroughPagingTheNextRunCompletesTheWindowWithoutDuplicates(EmbeddedKafkaBroker broker)
            throws Exception {
        try (TestMongo mongo = new TestMongo();
                BookingsSimulator simulator = BookingsSimulator.start(SimulatorSettings.defaults()
                        .withImplausibleRecords(false).withPageSize(10).withVolume(1, 10, 8, 120))) {
            Business b = simulator.tenant().businesses().get(0);
            String[] args = { "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--spring.mongodb.uri=" + mongo.uri("booking-sync"),
                    "--server.port=0", "--bookings.sync.graph.base-url=" + simulator.baseUrl(),
                    "--bookings.sync.graph.auth=static-token",
                    "--bookings.sync.graph.static-token=" + simulator.accessToken(), "--bookings.sync.interval=PT5S",
                    "--bookings.sync.businesses[0].id=" + b.id(), "--bookings.kafka.topics.partitions=1" };
            // the fourth calendar page is slow: the application is stopped while it is being fetched
            simulator.faults().script(b.id(), Endpoint.CALENDAR_VIEW, Fault.pass(), Fault.pass(), Fault.pass(),
                    Fault.slow(Duration.ofSeconds(3)));

            // Given the sync started and stopped halfway through paging its first run
            ConfigurableApplicationContext first = BookingSyncApplication.builder().run(args);
            SyncStatus firstStatus = first.getBean(SyncStatus.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> simulator.faults().injected(Endpoint.CALENDAR_VIEW) == 1);
            first.close();
            assertThat(firstStatus.firstSyncDone()).isFalse();
            int publishedBeforeKill = appointments(broker, b).size();
            assertThat(publishedBeforeKill).isPositive();

            // When it starts again
            ConfigurableApplicationContext second = BookingSyncApplication.builder().run(args);
            try {
                SyncStatus status = second.getBean(SyncStatus.class);
                status.firstSyncCompleted().get(60, TimeUnit.SECONDS);
                Instant syncedUpTo = status.business(b.id()).syncedUpTo();
                assertThat(second.getBean(SetupStore.class).find(b.id()).orElseThrow().appointmentWatermark())
                        .isEqualTo(syncedUpTo);

                // Then every completed appointment of the window is on the topic exactly once
                List<String> completed = simulator.tenant().business(b.id()).appointments().stream()
                        .filter(a -> !a.end().isAfter(syncedUpTo)).map(a -> Keys.appointment(b.id(), a.id())).toList();
                Map<String, Long> counts = appointments(broker, b).stream()
                        .collect(Collectors.groupingBy(Event::key, Collectors.counting()));
                System.out.printf("restart: %d of %d completed appointments published before the stop, %d after%n",
                        publishedBeforeKill, completed.size(), counts.size());
                assertThat(publishedBeforeKill).isLessThan(completed.size());
                assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(completed);
                assertThat(counts.values()).allMatch(n -> n == 1);
                // and services and customers once each too
                assertThat(TopicContents.read(broker.getBrokersAsString(), Topics.SERVICES, b.id()))
                        .hasSize(b.services().size());
                assertThat(TopicContents.read(broker.getBrokersAsString(), Topics.CUSTOMERS, b.id()))
                        .hasSize(b.customers().size());
            } finally {
                second.close();
            }
        }
    }

    private static List<Event> appointments(EmbeddedKafkaBroker broker, Business b) {
        return TopicContents.read(broker.getBrokersAsString(), Topics.APPOINTMENTS, b.id()).stream()
                .filter(e -> e.value() instanceof AppointmentCompleted).toList();
    }
}
