package dev.bookingsinvoicing.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.RefusedBooking;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.Topics;
import picocli.CommandLine;

/**
 * The CLI against a Kafka cluster that requires SASL, as a production cluster does: a real in-process KRaft broker
 * whose listeners speak SASL_PLAINTEXT/PLAIN and whose authorizer lets only its super user in. The CLI reaches it
 * with the credentials of {@code --command-config} alone, for its producer and its consumers. On the services' side
 * runs a small Spring Kafka application configured as the services are (kafka-defaults.yml, kafka-support's error
 * policy): it dead-letters what it cannot read and answers invoicing commands for three customers, one of which it
 * completes, one it rejects and one it never answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslClusterTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"plain-admin\" password=\"%s\";";
    private static final String INVOICED = "C00010";
    private static final String REFUSED = "C00020";
    private static final String SILENT = "C00030";

    private KafkaClusterTestKit cluster;
    private ConfigurableApplicationContext services;

    @TempDir
    Path files;

    /** The services' side: answers invoicing commands by customer no., dead-letters undecodable appointments. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Services {
        static final Map<String, InvoiceBookings> RECEIVED = new ConcurrentHashMap<>();

        private final KafkaTemplate<Object, Object> results;

        Services(KafkaTemplate<Object, Object> results) {
            this.results = results;
        }

        @KafkaListener(id = "invoicing-commands", topics = Topics.INVOICING_COMMANDS)
        void on(InvoiceBookings command) {
            RECEIVED.put(command.getCommandId(), command);
            if (INVOICED.equals(command.getCustomerNo())) {
                results.send(Topics.COMMAND_RESULTS, command.getCommandId(), new CommandCompleted("e-1",
                        Instant.EPOCH, command.getCommandId(), "InvoiceBookings", List.of("DI-1"), 2, List.of(),
                        List.of("b/a/1", "b/a/2")));
            } else if (REFUSED.equals(command.getCustomerNo())) {
                results.send(Topics.COMMAND_RESULTS, command.getCommandId(), new CommandRejected("e-2",
                        Instant.EPOCH, command.getCommandId(), "InvoiceBookings", "customer C00020 is blocked",
                        List.<RefusedBooking>of()));
            }
        }

        @KafkaListener(id = "appointments", topics = Topics.APPOINTMENTS)
        void on(AppointmentCompleted appointment) {
        }
    }

    @BeforeAll
    void startTheClusterAndTheServices() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                // Kafka's default, as on many clusters (the test kit's own default is false)
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        services = new SpringApplicationBuilder(Services.class).web(WebApplicationType.NONE).run(
                "--spring.main.banner-mode=off", "--spring.config.import=classpath:kafka-defaults.yml",
                "--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--spring.kafka.security.protocol=SASL_PLAINTEXT",
                "--spring.kafka.properties.sasl.mechanism=PLAIN",
                "--spring.kafka.properties.sasl.jaas.config=" + JAAS.formatted("plain-admin-secret"),
                "--bookings.kafka.topics.partitions=1");
    }

    @AfterAll
    void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void withTheCredentialsOfCommandConfigACommandIsSentAndItsAnswerPrinted() throws IOException {
        Run run = cli("invoice", "--customer", INVOICED, "--command-id", "sasl-1", "--issued-by", "ann",
                "--command-config", credentials("plain-admin-secret").toString(),
                "--bootstrap-servers", cluster.bootstrapServers(), "--timeout", "1m");

        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.DONE.code());
        assertThat(run.out).contains("Invoicing the ready bookings of customer C00010 (command sasl-1, Kafka at "
                + cluster.bootstrapServers() + ")").contains("COMPLETED sasl-1: 2 booking(s) invoiced on 1 draft "
                        + "invoice(s), 0 skipped").contains("invoice  DI-1");
        assertThat(Services.RECEIVED.get("sasl-1").getIssuedBy()).isEqualTo("ann");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aRejectedCommandAndAnUnansweredOneHaveTheirOwnExitCodes() throws IOException {
        String config = credentials("plain-admin-secret").toString();
        Run rejected = cli("invoice", "--customer", REFUSED, "--command-id", "sasl-2", "--command-config", config,
                "--bootstrap-servers", cluster.bootstrapServers(), "--timeout", "1m");
        assertThat(rejected.exit).as(rejected.toString()).isEqualTo(ExitCode.REJECTED.code());
        assertThat(rejected.out).contains("REJECTED sasl-2: customer C00020 is blocked");

        Run unanswered = cli("invoice", "--customer", SILENT, "--command-id", "sasl-3", "--command-config", config,
                "--bootstrap-servers", cluster.bootstrapServers(), "--timeout", "5s");
        assertThat(unanswered.exit).as(unanswered.toString()).isEqualTo(ExitCode.NO_ANSWER.code());
        assertThat(unanswered.err).isEqualTo("No answer from the invoicing service within 5s: it may still carry "
                + "out command sasl-3; run it again with --command-id sasl-3 to read its result\n");
        await().atMost(Duration.ofMinutes(1)).until(() -> Services.RECEIVED.containsKey("sasl-3"));
    }

    @Test
    void theClusterCanBeNamedInTheCommandConfigFileAlone() throws IOException {
        assumeTrue(System.getenv("KAFKA_BOOTSTRAP_SERVERS") == null,
                "KAFKA_BOOTSTRAP_SERVERS is set: it would name the cluster");
        Path config = credentials("plain-admin-secret");
        Files.writeString(config, "bootstrap.servers=" + cluster.bootstrapServers() + "\n", StandardOpenOption.APPEND);

        Run run = cli("invoice", "--customer", INVOICED, "--command-id", "sasl-4", "--command-config",
                config.toString(), "--timeout", "1m");

        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.DONE.code());
        assertThat(run.out).contains("Kafka at " + cluster.bootstrapServers()).contains("COMPLETED sasl-4");
    }

    @Test
    void withoutCredentialsOrWithWrongOnesTheClusterIsUnreachableInOneLineWithinTheTimeout() throws IOException {
        Run without = cli("invoice", "--all", "--bootstrap-servers", cluster.bootstrapServers(), "--timeout", "3s");
        assertThat(without.exit).as(without.toString()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(without.err).startsWith("No answer from the Kafka cluster at " + cluster.bootstrapServers()
                + " within 3s (").hasLineCount(1);

        Run wrong = cli("dlt", "list", "--topic", Topics.APPOINTMENTS, "--bootstrap-servers",
                cluster.bootstrapServers(), "--command-config", credentials("wrong").toString(), "--timeout", "1m");
        assertThat(wrong.exit).as(wrong.toString()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(wrong.err).startsWith("The Kafka cluster at " + cluster.bootstrapServers() + " refused the "
                + "connection: ").contains("Invalid username or password").hasLineCount(1);
    }

    @Test
    void theDeadLetterToolListsWhyARecordWasDeadLetteredAndReplaysItWithTheSameCredentials() throws Exception {
        byte[] poison = "not an appointment".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clientProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.APPOINTMENTS, "b/a-poison", poison)).get();
        }
        String config = credentials("plain-admin-secret").toString();
        await().atMost(Duration.ofMinutes(1)).until(() -> cli("dlt", "list", "--topic", Topics.APPOINTMENTS,
                "--bootstrap-servers", cluster.bootstrapServers(), "--command-config", config).out
                .contains("1 dead letter(s) in bookings.appointments-dlt"));

        Run listed = cli("dlt", "list", "--topic", Topics.APPOINTMENTS, "--bootstrap-servers",
                cluster.bootstrapServers(), "--command-config", config);
        assertThat(listed.exit).isEqualTo(ExitCode.DONE.code());
        assertThat(listed.out).contains("bookings.appointments-dlt/0@0 key=b/a-poison size=" + poison.length
                + " original=bookings.appointments/0@0 type=undecodable reason=");

        Run replayed = cli("dlt", "replay", "--topic", Topics.APPOINTMENTS, "--offset", "0", "--bootstrap-servers",
                cluster.bootstrapServers(), "--command-config", config);
        assertThat(replayed.exit).as(replayed.toString()).isEqualTo(ExitCode.DONE.code());
        assertThat(replayed.out).contains("replayed bookings.appointments-dlt/*@0 to bookings.appointments/0@1");
        try (TopicReader appointments = new TopicReader(clientProperties(), Topics.APPOINTMENTS)) {
            List<ConsumerRecord<String, byte[]>> records = appointments.awaitRaw(r -> r.size() == 2,
                    Duration.ofSeconds(30));
            assertThat(records.get(1).value()).isEqualTo(poison);
            assertThat(new String(records.get(1).headers().lastHeader(DeadLetters.REPLAYED_FROM_HEADER).value(),
                    StandardCharsets.UTF_8)).isEqualTo("bookings.appointments-dlt/0/0");
        }

        Run missing = cli("dlt", "replay", "--topic", Topics.APPOINTMENTS, "--offset", "7", "--bootstrap-servers",
                cluster.bootstrapServers(), "--command-config", config);
        assertThat(missing.exit).isEqualTo(ExitCode.USAGE.code());
        assertThat(missing.err).isEqualTo("no dead letter at offset 7 in bookings.appointments-dlt\n");
    }

    @Test
    void aMistypedTopicListsNothingAndLeavesNoTopicBehind() throws Exception {
        Run run = cli("dlt", "list", "--topic", "bookings.apointments", "--bootstrap-servers",
                cluster.bootstrapServers(), "--command-config", credentials("plain-admin-secret").toString());

        assertThat(run.exit).as(run.toString()).isEqualTo(ExitCode.DONE.code());
        assertThat(run.out).isEqualTo("0 dead letter(s) in bookings.apointments-dlt\n");
        try (Admin admin = Admin.create(clientProperties())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.APPOINTMENTS)
                    .doesNotContain("bookings.apointments-dlt");
        }
    }

    /** A command-config file with the super user's name and the given password, as an operator would write it. */
    private Path credentials(String password) throws IOException {
        Path file = Files.createTempFile(files, "client", ".properties");
        Properties properties = new Properties();
        properties.setProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.setProperty(SaslConfigs.SASL_MECHANISM, "PLAIN");
        properties.setProperty(SaslConfigs.SASL_JAAS_CONFIG, JAAS.formatted(password));
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "operator-cli test");
        }
        return file;
    }

    private Map<String, Object> clientProperties() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, JAAS.formatted("plain-admin-secret"));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
