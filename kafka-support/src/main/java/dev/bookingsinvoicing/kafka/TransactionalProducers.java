package dev.bookingsinvoicing.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Opens every transactional id of the service at start-up, before any listener container starts.
 *
 * <p>The ids are a fixed set, {@code <transaction-id-prefix>0} to {@code <prefix>(n-1)} (spring-kafka's
 * {@code DefaultTransactionIdSuffixStrategy} with a cache of {@code bookings.kafka.transactional-producers}), so a
 * restarted instance uses the very ids its predecessor used. Opening one ({@code initTransactions}) fences the previous
 * producer with that id and makes the broker abort the transaction it left open. Without this, a process killed in
 * the middle of a command left its transaction (with the command's offset in it) open until
 * {@code transaction.timeout.ms} (60 s by default), and the next instance's consumer could not read its group's
 * committed offsets until then.
 *
 * <p>The opened producers go back to the factory's cache, where the listener containers and the template take them.
 * If the broker cannot be reached, start-up goes on (the containers then wait for it as they would anyway).
 */
final class TransactionalProducers implements SmartLifecycle {

    private static final LogAccessor log = new LogAccessor(TransactionalProducers.class);

    private final ProducerFactory<?, ?> factory;
    private final int count;
    private volatile boolean running;

    TransactionalProducers(ProducerFactory<?, ?> factory, int count) {
        this.factory = factory;
        this.count = count;
    }

    @Override
    public void start() {
        List<Producer<?, ?>> opened = new ArrayList<>(count);
        try {
            while (opened.size() < count) {
                opened.add(factory.createProducer());
            }
            log.info(() -> "opened transactional ids " + factory.getTransactionIdPrefix() + "0.." + (count - 1)
                    + ", fencing any producer a previous instance left with them");
        } catch (KafkaException e) {
            log.warn(e, () -> "could not open the transactional ids at start-up; a transaction a killed instance left"
                    + " open is aborted by the broker after transaction.timeout.ms");
        } finally {
            opened.forEach(Producer::close);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers, which start in {@link AbstractMessageListenerContainer#DEFAULT_PHASE}. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
    }
}
