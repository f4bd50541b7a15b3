package dev.bookingsinvoicing.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.service.testing.OperatorEndpoints;

/**
 * What operators see of the service besides its API, against the real service, an embedded broker and the embedded
 * MongoDB server: Prometheus metrics for a READER, build and commit info, the OpenAPI document.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = ItemServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=item-service",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "bookings.kafka.topics.partitions=1",
                "bookings.kafka.retry.initial-interval=10ms" })
class OperatorEndpointsIntegrationTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://localhost:" + MONGO_ADDRESS.getPort() + "/items");
    }

    @AfterAll
    static void stopMongo() {
        MONGO.shutdownNow();
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @LocalServerPort
    int port;

    @Test
    void prometheusShowsTheNumberSeriesTheConsumersLagAndTheDeadLetters() {
        // Given a record on bookings.services that is no event at all
        DefaultKafkaProducerFactory<String, byte[]> bytes = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer());
        try {
            new KafkaTemplate<>(bytes).send(Topics.SERVICES, "garbage", "not an event".getBytes(StandardCharsets.UTF_8))
                    .join();
        } finally {
            bytes.destroy();
        }
        OperatorEndpoints endpoints = new OperatorEndpoints(port, "dashboard", "dashboard");
        // Then it is counted as dead-lettered, beside what is left of the number series and the consumer's lag
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoints.prometheus()
                .contains("bookings_kafka_dead_letters_total{topic=\"" + Topics.SERVICES + "\"} 1.0"));
        assertThat(endpoints.prometheus()).contains("bookings_numbers_remaining_numbers{series=\"item\"}",
                "kafka_consumer_fetch_manager_records_lag_max{");
    }

    @Test
    void infoShowsTheBuildAndTheOpenApiDocumentListsEveryApiEndpoint() {
        OperatorEndpoints endpoints = new OperatorEndpoints(port, "dashboard", "dashboard");
        assertThat(endpoints.anonymousStatus("/actuator/health/readiness")).isEqualTo(200);
        endpoints.assertInfoShowsBuildAndCommit("0.1.0-SNAPSHOT");
        endpoints.assertDocumentsEveryApiEndpoint(mappings);
    }
}
