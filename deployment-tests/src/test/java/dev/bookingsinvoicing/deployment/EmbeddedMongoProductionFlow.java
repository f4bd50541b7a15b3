package dev.bookingsinvoicing.deployment;

import java.util.Map;

import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * The production flow with the default build's MongoDB, the embedded wire-protocol server; subclasses provide the
 * Kafka cluster and stop it in {@link #stopKafka()}.
 */
abstract class EmbeddedMongoProductionFlow extends ProductionFlowScenario {

    private final TestMongo mongo = new TestMongo();

    /** Stops the Kafka cluster, after the services. */
    protected abstract void stopKafka() throws Exception;

    @Override
    protected final void stopInfrastructure() {
        mongo.close();
        try {
            stopKafka();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Kafka cluster", e);
        }
    }

    /** The embedded server does not know the {@code hello} command Boot's MongoDB health check sends. */
    @Override
    protected Map<String, String> infrastructureEnvironment() {
        return Map.of("MANAGEMENT_HEALTH_MONGODB_ENABLED", "false");
    }

    @Override
    protected int replicationFactor() {
        return 1;
    }

    @Override
    protected String mongoUri(String database) {
        return mongo.uri(database);
    }
}
