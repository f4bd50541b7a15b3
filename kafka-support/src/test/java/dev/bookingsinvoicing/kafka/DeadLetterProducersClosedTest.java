package dev.bookingsinvoicing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The dead-letter producers go away with the context: left open they kept reconnecting to a stopped broker and
 * their sockets took ports a restarted stack wanted.
 */
@EmbeddedKafka(partitions = 1)
class DeadLetterProducersClosedTest {

    private static final String PRODUCER_THREAD = "kafka-producer-network-thread";

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @KafkaListener(id = "dead-letter-producers-closed-test", topics = Topics.CUSTOMERS)
        void on(Object event) {
        }
    }

    @Test
    void closingTheContextClosesTheProducersThatPublishedDeadLetters(EmbeddedKafkaBroker broker) {
        Set<Thread> producersBefore = producerThreads();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).run(
                "--spring.config.import=classpath:kafka-defaults.yml",
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--bookings.kafka.topics.partitions=1")) {
            Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.CUSTOMERS, "poison",
                        "not avro".getBytes(StandardCharsets.UTF_8)));
            }
            try (TopicReader dlt = new TopicReader(broker.getBrokersAsString(), Topics.deadLetterOf(Topics.CUSTOMERS))) {
                dlt.awaitRaw(records -> !records.isEmpty(), Duration.ofSeconds(30));
            }
            assertThat(newProducerThreads(producersBefore)).as("the dead-letter producer").isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(newProducerThreads(producersBefore))
                .as("producers still running after the context closed").isEmpty());
    }

    private static Set<String> newProducerThreads(Set<Thread> before) {
        return producerThreads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static Set<Thread> producerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(PRODUCER_THREAD)).collect(Collectors.toSet());
    }
}
