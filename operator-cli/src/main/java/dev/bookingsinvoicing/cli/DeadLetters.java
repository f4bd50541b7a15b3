package dev.bookingsinvoicing.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Reads a dead-letter topic and re-publishes chosen records to the topic they came from, with their original key
 * and bytes. Plain Kafka clients made by {@link KafkaClients} (the operator's client settings, every wait within
 * the run's time), so that it works against any cluster from the command line ({@code dlt list|replay}) or a test.
 */
public final class DeadLetters {

    /** Header the shared error policy puts on every dead letter (kafka-support's REASON_HEADER). */
    public static final String REASON_HEADER = "dlt-reason";
    /** Header on a replayed record: which dead letter it came from ({@code <dlt>/<partition>/<offset>}). */
    public static final String REPLAYED_FROM_HEADER = "dlt-replayed-from";
    // spring-kafka's DeadLetterPublishingRecoverer headers
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    private static final Duration POLL = Duration.ofMillis(500);

    /** One dead letter as an operator needs to see it. */
    public record DeadLetter(String deadLetterTopic, int partition, long offset, String key, int size, String reason,
            String originalTopic, Integer originalPartition, Long originalOffset, String valueType, byte[] value,
            Headers headers) {

        /** One line for the terminal. */
        public String summary() {
            return String.format("%s/%d@%d key=%s size=%d original=%s/%s@%s type=%s reason=%s", deadLetterTopic,
                    partition, offset, key, size, originalTopic, originalPartition, originalOffset, valueType, reason);
        }
    }

    private final KafkaClients kafka;

    public DeadLetters(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /**
     * Every record of the dead-letter topic of {@code topic} (the source topic or the dead-letter topic itself),
     * committed ones only, in partition/offset order.
     */
    public List<DeadLetter> list(String topic) {
        String dlt = deadLetterTopicOf(topic);
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.partitionsFor(dlt, kafka.remaining());
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(dlt, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, kafka.remaining());
            while (partitions.stream().anyMatch(p -> consumer.position(p, kafka.remaining()) < ends.get(p))) {
                if (kafka.expired()) {
                    throw new TimeoutException("reading " + dlt + " took longer than the run's time");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    letters.add(toDeadLetter(record));
                }
            }
        }
        letters.sort(Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset));
        return letters;
    }

    /**
     * Re-publishes one dead letter (found by its partition and offset in the dead-letter topic; partition null =
     * the only partition holding that offset) to its original topic, with the original key and bytes, the
     * content-type header and {@value #REPLAYED_FROM_HEADER}.
     */
    public RecordMetadata replay(String topic, Integer partition, long offset) {
        List<DeadLetter> matches = list(topic).stream()
                .filter(l -> l.offset() == offset && (partition == null || l.partition() == partition)).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no dead letter at offset " + offset
                    + (partition == null ? "" : " of partition " + partition) + " in " + deadLetterTopicOf(topic));
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("offset " + offset + " exists in partitions "
                    + matches.stream().map(DeadLetter::partition).toList() + " of " + deadLetterTopicOf(topic)
                    + ": say which with --partition");
        }
        return replay(matches.get(0));
    }

    /** Re-publishes one dead letter to its original topic. */
    public RecordMetadata replay(DeadLetter letter) {
        String target = letter.originalTopic() != null ? letter.originalTopic() : sourceTopicOf(letter.deadLetterTopic());
        Headers headers = new RecordHeaders();
        Header contentType = letter.headers().lastHeader("content-type");
        if (contentType != null) {
            headers.add(contentType);
        }
        headers.add(REPLAYED_FROM_HEADER, (letter.deadLetterTopic() + "/" + letter.partition() + "/" + letter.offset())
                .getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                // one record per run: idempotence buys nothing, and a replay that arrives twice is harmless
                // (every consumer is idempotent)
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)), new StringSerializer(),
                new ByteArraySerializer())) {
            // no partition: the original key decides, as it did for the original record
            return producer.send(new ProducerRecord<>(target, null, letter.key(), letter.value(), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay to " + target + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    static String deadLetterTopicOf(String topic) {
        return topic.endsWith("-dlt") ? topic : Topics.deadLetterOf(topic);
    }

    static String sourceTopicOf(String deadLetterTopic) {
        return deadLetterTopic.substring(0, deadLetterTopic.length() - "-dlt".length());
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        byte[] value = record.value();
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                value == null ? 0 : value.length, string(headers, REASON_HEADER), string(headers, ORIGINAL_TOPIC),
                number(headers, ORIGINAL_PARTITION) == null ? null : number(headers, ORIGINAL_PARTITION).intValue(),
                number(headers, ORIGINAL_OFFSET), valueType(value), value, headers);
    }

    private static String valueType(byte[] value) {
        if (value == null) {
            return "null";
        }
        try {
            return EventSchemas.get().decode(value).getSchema().getFullName();
        } catch (RuntimeException undecodable) {
            return "undecodable";
        }
    }

    private static String string(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** spring-kafka writes the original partition as a 4-byte int and the offset as an 8-byte long. */
    private static Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(header.value());
        return switch (header.value().length) {
            case 4 -> (long) bytes.getInt();
            case 8 -> bytes.getLong();
            default -> null;
        };
    }

    /** A consumer of its own partitions (no group: nothing is committed). */
    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
