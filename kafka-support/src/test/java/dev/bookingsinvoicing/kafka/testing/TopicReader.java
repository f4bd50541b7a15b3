package dev.bookingsinvoicing.kafka.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.bookingsinvoicing.schemas.EventSchemas;

/**
 * Test helper shared by every module's tests (published as this module's test-jar): reads a whole topic from
 * the beginning with a fresh consumer group and decodes the values with the project's decoder.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic);
    }

    /** @param clientProperties the cluster's address and, for a secured cluster, its SASL/TLS settings */
    public TopicReader(Map<String, Object> clientProperties, String topic) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until the records read so far satisfy the condition, then returns them all (raw). */
    public List<ConsumerRecord<String, byte[]>> awaitRaw(Predicate<List<ConsumerRecord<String, byte[]>>> condition,
            Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return condition.test(records);
        });
        return List.copyOf(records);
    }

    /** Polls until at least {@code count} records are read, then returns their decoded values. */
    public List<Object> awaitValues(int count, Duration timeout) {
        return awaitRaw(r -> r.size() >= count, timeout).stream()
                .map(r -> (Object) EventSchemas.get().decode(r.value())).toList();
    }

    /** Reads for a while and returns everything seen: to check that nothing more arrives. */
    public List<Object> drain(Duration quietFor) {
        long deadline = System.nanoTime() + quietFor.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records.stream().map(r -> (Object) EventSchemas.get().decode(r.value())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
