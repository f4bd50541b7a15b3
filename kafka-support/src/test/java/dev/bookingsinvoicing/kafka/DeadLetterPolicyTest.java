package dev.bookingsinvoicing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = DeadLetterPolicyTest.App.class, properties = {
        "spring.config.import=classpath:kafka-defaults.yml",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "bookings.kafka.topics.partitions=1",
        "bookings.kafka.retry.initial-interval=10ms",
        "bookings.kafka.retry.max-retries=2" })
class DeadLetterPolicyTest {

    @SpringBootApplication
    static class App {
        final List<CommandRejected> processed = new CopyOnWriteArrayList<>();

        @KafkaListener(id = "dead-letter-policy-test", topics = Topics.COMMAND_RESULTS)
        void on(CommandRejected event) {
            if (event.getReason().equals("invalid")) {
                throw new InvalidMessageException("reason must not be 'invalid'");
            }
            processed.add(event);
        }

        /** The registry a service's actuator provides. */
        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    App app;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MeterRegistry meters;

    @Test
    void poisonAndInvalidRecordsAreDeadLetteredWithTheirReasonAndTheNextGoodRecordIsProcessed() {
        Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker);
        KafkaTemplate<String, byte[]> raw = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps,
                new StringSerializer(), new ByteArraySerializer()));
        KafkaTemplate<String, Object> avro = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProps,
                new StringSerializer(), (topic, data) -> new AvroSerializer().serialize(topic, (CommandRejected) data)));

        raw.send(Topics.COMMAND_RESULTS, "poison", "not avro at all".getBytes(StandardCharsets.UTF_8));
        avro.send(Topics.COMMAND_RESULTS, "bad", rejected("bad", "invalid"));
        avro.send(Topics.COMMAND_RESULTS, "good", rejected("good", "fine"));

        await().atMost(Duration.ofSeconds(30)).until(() -> app.processed.size() == 1);
        assertThat(app.processed.get(0).getCommandId()).isEqualTo("good");

        try (TopicReader dlt = new TopicReader(broker.getBrokersAsString(), Topics.deadLetterOf(Topics.COMMAND_RESULTS))) {
            List<ConsumerRecord<String, byte[]>> records = dlt.awaitRaw(r -> r.size() >= 2, Duration.ofSeconds(30));
            // two producers: the records may reach the topic in either order
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("poison", "bad");
            Map<String, ConsumerRecord<String, byte[]>> byKey = records.stream()
                    .collect(java.util.stream.Collectors.toMap(ConsumerRecord::key, r -> r));
            assertThat(header(byKey.get("poison"), KafkaSupportAutoConfiguration.REASON_HEADER))
                    .contains("not Avro single-object encoding");
            assertThat(new String(byKey.get("poison").value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
            assertThat(header(byKey.get("bad"), KafkaSupportAutoConfiguration.REASON_HEADER))
                    .contains("reason must not be 'invalid'");
        }
        // what an operator alerts on: two records of the topic went to its dead-letter topic, the good one did not
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLettered(Topics.COMMAND_RESULTS) == 2.0);
        assertThat(meters.find(KafkaSupportAutoConfiguration.DEAD_LETTERS).counters()).hasSize(1);
    }

    private double deadLettered(String topic) {
        var counter = meters.find(KafkaSupportAutoConfiguration.DEAD_LETTERS).tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    private static CommandRejected rejected(String commandId, String reason) {
        return new CommandRejected("e-" + commandId, Instant.EPOCH, commandId, "Test", reason, java.util.List.of());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
