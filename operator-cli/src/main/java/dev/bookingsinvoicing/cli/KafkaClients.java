package dev.bookingsinvoicing.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings of every Kafka client one run of the CLI makes, in one place: the operator's {@code --command-config}
 * entries (SASL, TLS, client.id, ...), then the cluster's address, then what the CLI's own use needs; and every
 * wait of the clients (metadata, requests, delivery, blocking calls) at most what is left of the run's
 * {@code --timeout}, which starts when this object is made.
 */
public final class KafkaClients {

    /** The Kafka clients' waits that {@code --timeout} decides, whatever the command-config file says. */
    private static final List<String> PRODUCER_WAITS = List.of(ProducerConfig.MAX_BLOCK_MS_CONFIG,
            CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
    private static final List<String> CONSUMER_WAITS = List.of(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
            CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG);

    private final String bootstrapServers;
    private final Properties commandConfig;
    private final Duration timeout;
    private final long deadline;

    /**
     * @param bootstrapServers the cluster's address, {@code host:port,...}
     * @param commandConfig    client properties for every client (the {@code --command-config} file; may be empty)
     * @param timeout          how long the whole run may take, from now
     */
    public KafkaClients(String bootstrapServers, Properties commandConfig, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.commandConfig = commandConfig;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Duration timeout() {
        return timeout;
    }

    /** What is left of the run's time (zero once it is over). */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    boolean expired() {
        return remaining().isZero();
    }

    /** A producer's settings: the command config, the cluster, {@code own}; one record at a time (no linger). */
    Map<String, Object> producer(Map<String, Object> own) {
        Map<String, Object> config = settings(own);
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms, and both waits are the same here
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return bounded(config, PRODUCER_WAITS);
    }

    /**
     * A consumer's settings: the command config, the cluster, {@code own}; its metadata requests never create a topic
     * (on a broker that auto-creates them, a mistyped --topic would otherwise leave one behind).
     */
    Map<String, Object> consumer(Map<String, Object> own) {
        Map<String, Object> config = settings(own);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return bounded(config, CONSUMER_WAITS);
    }

    private Map<String, Object> settings(Map<String, Object> own) {
        Map<String, Object> config = new LinkedHashMap<>();
        commandConfig.stringPropertyNames().forEach(name -> config.put(name, commandConfig.getProperty(name)));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(own);
        return config;
    }

    private Map<String, Object> bounded(Map<String, Object> config, List<String> waits) {
        // at least 1 ms: Kafka refuses 0 for some of them, and a run that is over fails at its next call anyway
        long left = Math.max(1, remaining().toMillis());
        waits.forEach(wait -> config.put(wait, (int) Math.min(Integer.MAX_VALUE, left)));
        return config;
    }
}
