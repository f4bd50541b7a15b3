package dev.bookingsinvoicing.deployment;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The production flow on the default build's infrastructure: a real in-process KRaft broker (topics only from the
 * compose file's script: auto-creation is off, as on the compose cluster) and the embedded MongoDB wire-protocol
 * server. ContainersProductionFlowTest runs the same scenario on apache/kafka and mongo containers.
 */
class EmbeddedProductionFlowTest extends EmbeddedMongoProductionFlow {

    private static final EmbeddedKafkaKraftBroker KAFKA = start();

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
    protected void stopKafka() {
        KAFKA.destroy();
    }

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBrokersAsString();
    }
}
