package dev.bookingsinvoicing.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), run in this JVM from the
 * Kafka jars, with its log under a folder of ours so that topics and offsets survive a restart of the stack.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final String CLUSTER_ID = "bookingsInvoicingLocal";

    private final int port;
    private final KafkaRaftServer server;

    private LocalKafkaBroker(int port, KafkaRaftServer server) {
        this.port = port;
        this.server = server;
    }

    /** Formats the log folder on first use (like {@code kafka-storage.sh format}), then starts the node. */
    public static LocalKafkaBroker start(Path dataDir, int port, int controllerPort, int defaultPartitions) {
        Path logDir = dataDir.resolve("kafka");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", Integer.toString(defaultPartitions));
        // one node: internal topics cannot be replicated
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        try {
            Files.createDirectories(logDir);
            Path config = dataDir.resolve("kafka-server.properties");
            try (Writer out = Files.newBufferedWriter(config)) {
                props.store(out, "written by the local stack on every start");
            }
            format(config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            log.info("Kafka broker (KRaft) listening on localhost:{}, data in {}", port, logDir.toAbsolutePath());
            return new LocalKafkaBroker(port, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] { "format", "--config", config.toString(), "--cluster-id", CLUSTER_ID,
                "--ignore-formatted" }, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka log folder failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
