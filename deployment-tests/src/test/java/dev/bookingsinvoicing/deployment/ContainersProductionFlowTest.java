package dev.bookingsinvoicing.deployment;

import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The production flow on the images docker-compose.yml runs: apache/kafka (KRaft) and mongo as a replica set, so
 * what the embedded MongoDB server does not do (secondary indexes, majority writes, a real primary) is exercised.
 * Runs with {@code mvn verify -Pcontainers}; skipped, with Testcontainers' "no Docker" reason, where no Docker engine runs.
 */
@Tag("containers")
@Testcontainers(disabledWithoutDocker = true)
class ContainersProductionFlowTest extends ProductionFlowScenario {

    /** The images of docker-compose.yml, so the test and the stack cannot drift apart. */
    private static final ComposeFile COMPOSE = ComposeFile.load(ComposeFile.envFile("docker/demo.env"));

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(COMPOSE.image("kafka-1"))
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer(COMPOSE.image("mongodb"));

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @Override
    protected int replicationFactor() {
        return 1;
    }

    @Override
    protected String mongoUri(String database) {
        return MONGO.getReplicaSetUrl(database);
    }

    /** The Testcontainers extension stops the containers after the class. */
    @Override
    protected void stopInfrastructure() {
    }
}
