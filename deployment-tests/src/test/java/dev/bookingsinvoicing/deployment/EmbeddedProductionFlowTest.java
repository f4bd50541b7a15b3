package dev.bookingsinvoicing.deployment;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The production flow on the default build's infrastructure: a real in-process KRaft broker (topics only from the
 * compose file's script: auto-creation is off, as on the compose cluster) and the embedded MongoDB wire-protocol
 * server. ContainersProductionFlowTest runs the same scenario on apache/kafka and mongo containers.
 */
class EmbeddedProductionFlowTest extends ProductionFlowScenario {

    private static final EmbeddedKafkaKraftBroker KAFKA = start();
    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();

    private static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // as on the compose cluster, topics exist only if the topic script made them
        broker.brokerProperty("auto.create.topics.enable", "false");
        // a single broker holds invoicing-service's transaction log (the default, 3 replicas, needs a cluster)
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
        return broker;
    }

    @Override
    protected void stopInfrastructure() {
        MONGO.shutdownNow();
        KAFKA.destroy();
    }

    /** The embedded server does not know the {@code hello} command Boot's MongoDB health check sends. */
    @Override
    protected Map<String, String> infrastructureEnvironment() {
        return Map.of("MANAGEMENT_HEALTH_MONGODB_ENABLED", "false");
    }

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBrokersAsString();
    }

    @Override
    protected int replicationFactor() {
        return 1;
    }

    @Override
    protected String mongoUri(String database) {
        return "mongodb://localhost:" + MONGO_ADDRESS.getPort() + "/" + database;
    }
}
