package dev.bookingsinvoicing.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsRecordsAcrossARestartOfTheBroker() throws Exception {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, port, controllerPort, 1);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("restart-test", "k", "before restart")).get();
        }
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, port, controllerPort, 1);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                        broker.bootstrapServers(), "group.id", "restart-test", "auto.offset.reset", "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("restart-test"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
            }
            assertThat(values).containsExactly("before restart");
        }
    }
}
