package dev.bookingsinvoicing.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs docker/kafka/create-topics.sh, the script of the compose file's kafka-topics service, outside a container:
 * its kafka-topics.sh and kafka-configs.sh are the same Kafka tool classes the apache/kafka image's scripts start,
 * run from this test's classpath.
 */
final class TopicScript {

    private TopicScript() {
    }

    /**
     * Runs the script against the cluster {@code client} reaches (its {@code bootstrap.servers}; any other setting,
     * e.g. SASL, goes to the tools as the script's {@code KAFKA_CLIENT_CONFIG} file); fails the test with the
     * script's output if it fails.
     */
    static String run(Map<String, Object> client, int partitions, int replicationFactor) throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-bin");
        Path logback = work.resolve("logback.xml");
        Files.writeString(logback, """
                <configuration><appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
                <encoder><pattern>%level %logger - %msg%n</pattern></encoder></appender>
                <root level="WARN"><appender-ref ref="err"/></root></configuration>
                """);
        tool(work, "kafka-topics.sh", "org.apache.kafka.tools.TopicCommand", logback);
        tool(work, "kafka-configs.sh", "kafka.admin.ConfigCommand", logback);
        Path output = work.resolve("output.txt");
        Properties security = new Properties();
        client.forEach((key, value) -> security.setProperty(key, String.valueOf(value)));
        String bootstrapServers = (String) security.remove("bootstrap.servers");
        ProcessBuilder script = new ProcessBuilder("bash", Repository.file("docker/kafka/create-topics.sh").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = script.environment();
        env.put("BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("TOPIC_PARTITIONS", String.valueOf(partitions));
        env.put("TOPIC_REPLICATION_FACTOR", String.valueOf(replicationFactor));
        env.put("KAFKA_BIN", work.toString());
        if (!security.isEmpty()) {
            Path clientConfig = work.resolve("client.properties");
            try (var writer = Files.newBufferedWriter(clientConfig)) {
                security.store(writer, "SASL/TLS settings of the cluster");
            }
            env.put("KAFKA_CLIENT_CONFIG", clientConfig.toString());
        }
        env.put("TOOL_CLASSPATH", System.getProperty("java.class.path"));
        Process process = script.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String printed = Files.readString(output);
        assertThat(finished && process.exitValue() == 0).as("create-topics.sh failed:%n%s", printed).isTrue();
        return printed;
    }

    /** bin/kafka-*.sh as in the Kafka distribution: kafka-run-class.sh with the tool's main class. */
    private static void tool(Path bin, String name, String mainClass, Path logback) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/usr/bin/env bash\nexec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 "
                + "-Dlogback.configurationFile='" + logback + "' -cp \"$TOOL_CLASSPATH\" " + mainClass + " \"$@\"\n");
        script.toFile().setExecutable(true);
    }
}
