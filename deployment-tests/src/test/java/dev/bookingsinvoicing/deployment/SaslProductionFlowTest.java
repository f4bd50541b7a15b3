package dev.bookingsinvoicing.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The production flow on a Kafka cluster that requires SASL: a real in-process KRaft broker whose client listener
 * speaks SASL_PLAINTEXT with the PLAIN mechanism, with an authorizer that refuses everyone without an ACL except its
 * super user. The services get their credentials the way docs/production.md says, from
 * {@code SPRING_KAFKA_SECURITY_PROTOCOL}, {@code SPRING_KAFKA_PROPERTIES_SASL_MECHANISM} and
 * {@code SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG} alone; the topic script gets them as its {@code KAFKA_CLIENT_CONFIG}.
 * (The broker's users are those of Kafka's test kit: the super user {@code plain-admin}.)
 */
class SaslProductionFlowTest extends EmbeddedMongoProductionFlow {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"plain-admin\" password=\"%s\";";
    private static final KafkaClusterTestKit KAFKA = start();

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                    // the controller listener too: the authorizer refuses an anonymous broker registration
                    .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    // one broker holds the group offsets and the transaction log (the defaults, 3 replicas, need a cluster)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the SASL Kafka cluster", e);
        }
    }

    @Override
    protected void stopKafka() throws Exception {
        KAFKA.close();
    }

    /** SASL, as configuration only. */
    @Override
    protected Map<String, String> infrastructureEnvironment() {
        Map<String, String> environment = new HashMap<>(super.infrastructureEnvironment());
        environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "PLAIN");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS.formatted("plain-admin-secret"));
        return environment;
    }

    @Override
    protected Map<String, Object> kafkaClientProperties() {
        return client("plain-admin-secret");
    }

    private Map<String, Object> client(String password) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, JAAS.formatted(password));
    }

    @Override
    protected String bootstrapServers() {
        return KAFKA.bootstrapServers();
    }

    /** The cluster really checks: a client with a wrong password is refused (so the services' access proves theirs). */
    @Test
    @Order(0)
    void theClusterRefusesAClientWithTheWrongPassword() {
        try (Admin admin = Admin.create(client("wrong"))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000, CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
            assertThat(admin.listTopics().names()).as("a client without SASL gets no answer")
                    .failsWithin(30, TimeUnit.SECONDS);
        }
    }
}
