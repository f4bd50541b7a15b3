package dev.bookingsinvoicing.registration.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * What the integration tests of customer-service and item-service share (this module's test-jar): the service as its
 * users meet it, started by the subclass's {@code @SpringBootTest} on a random port over an {@code @EmbeddedKafka}
 * broker (connected here) and a {@link TestMongo} of its own. Here: its REST API as the configured default users
 * call it (admin with ADMIN, dashboard with READER, or no one), discoveries sent the way the sync service sends
 * them, and the listener's input topic replayed. What is asserted stays in each service's tests.
 */
@TestPropertySource(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
public abstract class RegistrationServiceTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() { };

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @Autowired
    protected KafkaListenerEndpointRegistry listeners;

    @LocalServerPort
    protected int port;

    protected RestClient anonymous() {
        return RestClient.create(base());
    }

    protected RestClient admin() {
        return RestClient.builder().baseUrl(base()).defaultHeaders(h -> h.setBasicAuth("admin", "admin")).build();
    }

    protected RestClient reader() {
        return RestClient.builder().baseUrl(base()).defaultHeaders(h -> h.setBasicAuth("dashboard", "dashboard"))
                .build();
    }

    /** The JSON object the reader gets from {@code uri} (its {@code variables} filled in). */
    protected Map<String, Object> get(String uri, Object... variables) {
        return reader().get().uri(uri, variables).retrieve().body(JSON_OBJECT);
    }

    /** The HTTP status that answers {@code client}'s request, with {@code json} as the body unless it is null. */
    protected static int status(RestClient client, HttpMethod method, String uri, String json) {
        return request(client, method, uri, json).exchange((req, res) -> res.getStatusCode().value());
    }

    /** The problem detail (RFC 9457, {@code application/problem+json}) that answers the admin's request. */
    protected Map<String, Object> problem(HttpMethod method, String uri, String json) {
        return request(admin(), method, uri, json).exchange((req, res) -> {
            assertThat(res.getHeaders().getContentType()).hasToString("application/problem+json");
            return res.bodyTo(JSON_OBJECT);
        });
    }

    /** A producer of Avro records, as the sync service publishes them. */
    protected KafkaTemplate<String, SpecificRecord> producer() {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new AvroSerializer()));
    }

    /** Publishes {@code record} and waits for the broker's acknowledgement. */
    protected void send(String topic, String key, SpecificRecord record) {
        producer().send(topic, key, record).join();
    }

    /**
     * Replays {@code topic} to the listener {@code listenerId} (also its consumer group): stops its container, resets
     * the group to offset 0 of every partition, starts it again and waits until the group has consumed the topic to
     * its end.
     */
    protected void replayFromStart(String listenerId, String topic) throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer(listenerId);
        container.stop();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetAndMetadata> zero = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().collect(Collectors.toMap(
                            p -> new TopicPartition(topic, p.partition()), p -> new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(listenerId, zero).all().get();
            container.start();
            Map<TopicPartition, Long> ends = admin.listOffsets(zero.keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get()
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.listConsumerGroupOffsets(listenerId)
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic))
                    .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey())));
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static RestClient.RequestBodySpec request(RestClient client, HttpMethod method, String uri, String json) {
        RestClient.RequestBodySpec request = client.method(method).uri(uri);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request;
    }
}
