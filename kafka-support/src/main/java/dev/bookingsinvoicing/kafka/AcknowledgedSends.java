package dev.bookingsinvoicing.kafka;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * One record sent from outside a listener (a web request, the view's listener, which runs without a Kafka
 * transaction) and waited for until the broker acknowledged it, so the caller only goes on with a record that is
 * really on the topic. A service whose producer is transactional (its command listener needs it) sends it in a
 * transaction of its own, committed before this returns.
 */
public final class AcknowledgedSends {

    private AcknowledgedSends() {
    }

    public static <V> void send(KafkaTemplate<String, V> kafka, String topic, String key, V value) {
        if (kafka.isTransactional()) {
            kafka.executeInTransaction(t -> t.send(topic, key, value).join());
        } else {
            kafka.send(topic, key, value).join();
        }
    }
}
