package dev.bookingsinvoicing.sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.graph.models.BookingServiceCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;

import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.Faults.Endpoint;
import dev.bookingsinvoicing.simulator.Faults.Fault;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Auth;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Graph;

/** The retry around real Graph SDK requests to the simulator: timeouts and an HTTP-date Retry-After. */
class GraphRetryOverHttpTest {

    @Test
    void aSlowAnswerTimesOutAndIsRetriedAndAnHttpDateRetryAfterIsHonoured() throws Exception {
        try (BookingsSimulator simulator = BookingsSimulator.start(SimulatorSettings.defaults()
                .withVolume(1, 5, 3, 4))) {
            String business = simulator.tenant().businesses().get(0).id();
            Graph graph = new Graph(simulator.baseUrl(), Auth.STATIC_TOKEN, simulator.accessToken(), null, null,
                    null, 3, Duration.ofMillis(700), Duration.ofMillis(100), Duration.ofSeconds(5),
                    Duration.ofSeconds(30), null, null, null);
            GraphServiceClient client = GraphClientConfiguration.create(graph);
            List<Integer> statuses = new ArrayList<>();
            List<Duration> waits = new ArrayList<>();
            GraphRetry retry = new GraphRetry(graph, Clock.systemUTC(), d -> {
                waits.add(d);
                Thread.sleep(d.toMillis());
            }, (status, wait) -> statuses.add(status));

            simulator.faults().script(business, Endpoint.SERVICES, Fault.slow(Duration.ofSeconds(2)),
                    Fault.tooManyRequestsUntil(Instant.now().plusSeconds(2)));
            BookingServiceCollectionResponse services = retry.call("GET services",
                    () -> client.solutions().bookingBusinesses().byBookingBusinessId(business).services().get());

            assertThat(services.getValue()).hasSize(3);
            assertThat(statuses).containsExactly(-1, 429); // -1 = timed out
            // HTTP-dates have whole seconds: the wait is what is left of the 2 s when the answer arrives
            assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
