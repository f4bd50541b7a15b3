package dev.bookingsinvoicing.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The wire-format switch as services use it: nothing but client properties (the serde classes named by class, as in
 * {@code kafka-defaults.yml}, the deserializer behind {@code ErrorHandlingDeserializer}) against a real broker.
 */
@EmbeddedKafka(partitions = 1, topics = Topics.INVOICES)
class ConfluentWireFormatKafkaTest {

    private static SchemaRegistryStub registry;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = new SchemaRegistryStub(null);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void propertiesAloneSwitchProducersAndErrorHandlingConsumersToTheConfluentWireFormat(EmbeddedKafkaBroker broker) {
        SpecificRecord invoice = ConfluentWireFormatTest.sample(DraftInvoiceCreated.class);
        Map<String, Object> producerConfig = new HashMap<>(wireFormat());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(Topics.INVOICES, "C00010", invoice));
        }

        Map<String, Object> consumerConfig = new HashMap<>(wireFormat());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class.getName());
        consumerConfig.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroDeserializer.class.getName());
        List<ConsumerRecord<String, Object>> decoded = readAll(broker, "decoded", consumerConfig);
        List<ConsumerRecord<String, Object>> raw = readAll(broker, "raw",
                Map.of(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));

        assertThat(decoded).extracting(ConsumerRecord::value).containsExactly(invoice);
        byte[] bytes = (byte[]) raw.get(0).value();
        assertThat(bytes[0]).as("Confluent magic byte").isZero();
        assertThat(registry.versions(Topics.INVOICES + "-value")).containsExactly(ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertThat(new String(raw.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/x-confluent-avro");
    }

    private static Map<String, Object> wireFormat() {
        return Map.of(AvroSerdeConfig.WIRE_FORMAT, "confluent", AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    }

    private static List<ConsumerRecord<String, Object>> readAll(EmbeddedKafkaBroker broker, String group,
                                                            Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "confluent-wire-format-" + group);
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(new TopicPartition(Topics.INVOICES, 0))); // no group: nothing to join
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }
}
