package dev.bookingsinvoicing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * A restarted transactional service does not wait for the broker to time out what a killed predecessor left open: the
 * predecessor is played by a producer with the service's first transactional id that began a transaction, wrote a
 * record and a consumer group's offset in it, and never finished (as after a SIGKILL). Until that transaction ends, no
 * consumer of the group can read its committed offset (the broker answers UNSTABLE_OFFSET_COMMIT) - that is what held
 * a restarted invoicing-service for a minute.
 */
@EmbeddedKafka(partitions = 1, topics = TransactionalProducersTest.TOPIC)
class TransactionalProducersTest {

    static final String TOPIC = "transactional-producers-test";
    private static final String PREFIX = "fencing-test-tx-";
    private static final String GROUP = "fencing-test-group";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void startingTheServiceAbortsTheTransactionItsKilledPredecessorLeftOpen(EmbeddedKafkaBroker broker) {
        Map<String, Object> config = KafkaTestUtils.producerProps(broker);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, PREFIX + "0");
        // the broker's default: without fencing, the offset stays unreadable for a minute
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        KafkaProducer<String, String> killed = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        killed.initTransactions();
        killed.beginTransaction();
        killed.send(new ProducerRecord<>(TOPIC, "k", "written by the killed instance"));
        killed.sendOffsetsToTransaction(Map.of(PARTITION, new OffsetAndMetadata(1)),
                new ConsumerGroupMetadata(GROUP));
        killed.flush();
        try (KafkaConsumer<String, String> before = consumer(broker)) {
            assertThatThrownBy(() -> before.committed(Set.of(PARTITION), Duration.ofSeconds(3)))
                    .as("the open transaction holds the group's offset").isInstanceOf(KafkaException.class);
        }

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).run(
                "--spring.config.import=classpath:kafka-defaults.yml",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.kafka.producer.transaction-id-prefix=" + PREFIX,
                "--bookings.kafka.transactional-producers=2",
                "--bookings.kafka.topics.create=false");
                KafkaConsumer<String, String> after = consumer(broker)) {
            assertThat(after.committed(Set.of(PARTITION), Duration.ofSeconds(3)).get(PARTITION))
                    .as("the group's offset is readable again, and none: the killed instance's transaction was aborted")
                    .isNull();
            after.assign(Set.of(PARTITION));
            after.seekToBeginning(Set.of(PARTITION));
            assertThat(after.poll(Duration.ofSeconds(2))).as("nothing of the aborted transaction is read").isEmpty();
            assertThatThrownBy(killed::commitTransaction).as("the killed instance's producer is fenced")
                    .isInstanceOf(KafkaException.class);
        } finally {
            killed.close(Duration.ZERO);
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, GROUP, false);
        // read_committed consumers ask for stable offsets: a pending transactional offset is not answered
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
