package dev.bookingsinvoicing.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

import dev.bookingsinvoicing.serde.AvroDeserializer;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Topics;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Sends one command keyed by its id and waits for the result with the same key, all within the run's time. The
 * results topic is positioned at its end <em>before</em> the command is sent, so a fast answer cannot be missed.
 */
final class CommandChannel implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);

    private final KafkaClients kafka;
    private final KafkaConsumer<String, SpecificRecord> results;
    private final KafkaProducer<String, SpecificRecord> producer;

    CommandChannel(KafkaClients kafka) {
        this.kafka = kafka;
        // no group: the answers are read from where they end now, and nothing is committed
        results = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new AvroDeserializer());
        try {
            List<TopicPartition> partitions = results.partitionsFor(Topics.COMMAND_RESULTS, kafka.remaining()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new CliFailure(ExitCode.FAILED, "The Kafka cluster at " + kafka.bootstrapServers() + " has no "
                        + Topics.COMMAND_RESULTS + " topic: is the invoicing service running on this cluster?");
            }
            results.assign(partitions);
            results.seekToEnd(partitions);
            partitions.forEach(partition -> results.position(partition, kafka.remaining()));
            producer = new KafkaProducer<>(kafka.producer(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                    new StringSerializer(), new AvroSerializer());
        } catch (RuntimeException e) {
            results.close();
            throw e;
        }
    }

    /**
     * What every command of the CLI does: says what it asks, publishes it keyed by its id, waits for the result until
     * the run's time is over and prints it. The exit code is the result's ({@link Results#print}); no result in time
     * is {@link ExitCode#NO_ANSWER}.
     */
    static int run(OperatorCli cli, CommandSpec spec, String what, String commandId, SpecificRecord command)
            throws Exception {
        KafkaClients kafka = cli.kafka();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s (command %s, Kafka at %s) ...%n", what, commandId, kafka.bootstrapServers());
        out.flush();
        try (CommandChannel channel = new CommandChannel(kafka)) {
            SpecificRecord result = channel.send(commandId, command).orElseThrow(() -> new CliFailure(
                    ExitCode.NO_ANSWER, "No answer from the invoicing service within "
                            + Durations.words(kafka.timeout()) + ": it may still carry out command " + commandId
                            + "; run it again with --command-id " + commandId + " to read its result"));
            return Results.print(result, out, Results.namesWhatItWants(command)).code();
        }
    }

    /** Sends the command and returns its result, or empty when none arrived before the run's time is over. */
    Optional<SpecificRecord> send(String commandId, SpecificRecord command) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INVOICING_COMMANDS, commandId, command)).get();
        while (!kafka.expired()) {
            Duration wait = kafka.remaining().compareTo(POLL) < 0 ? kafka.remaining() : POLL;
            for (ConsumerRecord<String, SpecificRecord> record : results.poll(wait)) {
                if (commandId.equals(record.key())) {
                    return Optional.of(record.value());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        producer.close(Duration.ZERO);
        results.close();
    }
}
