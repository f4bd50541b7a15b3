package dev.bookingsinvoicing.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.bookingsinvoicing.schemas.AvroDeserializer;
import dev.bookingsinvoicing.schemas.AvroSerializer;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Sends one command keyed by its id and waits for the result with the same key. The results topic is positioned
 * at its end <em>before</em> the command is sent, so a fast answer cannot be missed.
 */
final class CommandChannel implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, SpecificRecord> results;

    CommandChannel(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new AvroSerializer());
        results = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "operator-cli-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new AvroDeserializer());
        List<TopicPartition> partitions = results.partitionsFor(Topics.COMMAND_RESULTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        results.assign(partitions);
        results.seekToEnd(partitions);
        partitions.forEach(results::position);
    }

    /** Sends the command and returns its result, or empty when none arrived in time. */
    Optional<SpecificRecord> send(String commandId, SpecificRecord command, Duration timeout) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INVOICING_COMMANDS, commandId, command)).get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, SpecificRecord> record : results.poll(Duration.ofMillis(250))) {
                if (commandId.equals(record.key())) {
                    return Optional.of(record.value());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        producer.close();
        results.close();
    }
}
