package dev.bookingsinvoicing.registration.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.bookingsinvoicing.service.testing.OperatorEndpoints;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * What operators see of a registration service besides its API (this module's test-jar), against the real service,
 * the embedded broker and its {@link TestMongo}: Prometheus metrics for a READER, build and commit info, the OpenAPI
 * document. The subclass starts the service and names its input topic and number series.
 */
public abstract class RegistrationOperatorEndpointsTest extends RegistrationServiceTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** The topic the service's listener reads (bookings.customers, bookings.services). */
    protected abstract String inputTopic();

    /** The {@code series} tag of the service's number series gauge. */
    protected abstract String numberSeries();

    @Test
    void prometheusShowsTheNumberSeriesTheConsumersLagAndTheDeadLetters() {
        // Given a record on the input topic that is no event at all
        DefaultKafkaProducerFactory<String, byte[]> bytes = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer());
        try {
            new KafkaTemplate<>(bytes).send(inputTopic(), "garbage", "not an event".getBytes(StandardCharsets.UTF_8))
                    .join();
        } finally {
            bytes.destroy();
        }
        OperatorEndpoints endpoints = new OperatorEndpoints(port, "dashboard", "dashboard");
        // Then it is counted as dead-lettered, beside what is left of the number series and the consumer's lag
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoints.prometheus()
                .contains("bookings_kafka_dead_letters_total{topic=\"" + inputTopic() + "\"} 1.0"));
        assertThat(endpoints.prometheus()).contains("bookings_numbers_remaining_numbers{series=\"" + numberSeries()
                + "\"}", "kafka_consumer_fetch_manager_records_lag_max{");
    }

    @Test
    void infoShowsTheBuildAndTheOpenApiDocumentListsEveryApiEndpoint() {
        OperatorEndpoints endpoints = new OperatorEndpoints(port, "dashboard", "dashboard");
        assertThat(endpoints.anonymousStatus("/actuator/health/readiness")).isEqualTo(200);
        endpoints.assertInfoShowsBuildAndCommit("0.1.0-SNAPSHOT");
        endpoints.assertDocumentsEveryApiEndpoint(mappings);
    }
}
