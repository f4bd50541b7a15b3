package dev.bookingsinvoicing.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.bookingsinvoicing.schemas.EventSchemas;

/**
 * Reads a topic from the beginning up to its current end, decoded: what is on the topic right now. The sync waits
 * for Kafka's acknowledgement before a run returns, so after a run this is everything it published.
 */
public final class TopicContents {

    /** One record: its key and decoded value. */
    public record Event(String key, Object value) {

        public String businessId() {
            return key.substring(0, key.indexOf('/'));
        }
    }

    private TopicContents() {
    }

    public static List<Event> read(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "topic-contents-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Event> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(new Event(r.key(), EventSchemas.get().decode(r.value())));
                }
            }
            return events;
        }
    }

    /** The events of one business. */
    public static List<Event> read(String bootstrapServers, String topic, String businessId) {
        return read(bootstrapServers, topic).stream().filter(e -> e.businessId().equals(businessId)).toList();
    }
}
