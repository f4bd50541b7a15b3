package dev.bookingsinvoicing.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.serde.AvroDeserializer;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Reads invoicing.command-results and invoicing.invoices (read_committed, from their current end) and records when
 * each command's result and each of its DraftInvoiceCreated became readable.
 */
final class ResultWatcher implements AutoCloseable {

    /** What a command produced, as readable on the topics. */
    static final class Outcome {
        volatile long completedAtNanos;
        volatile String rejection;
        volatile int bookingsInvoiced;
        volatile int invoicesAnnounced;
        final AtomicLong invoicesRead = new AtomicLong();
        volatile long lastInvoiceAtNanos;
    }

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean positioned;

    ResultWatcher(String bootstrap, Admin admin) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>(Kafka.partitions(admin, Topics.COMMAND_RESULTS));
        partitions.addAll(Kafka.partitions(admin, Topics.INVOICES));
        thread = new Thread(() -> {
            try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Kafka.consumerProps(bootstrap),
                    new StringDeserializer(), new AvroDeserializer())) {
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned = true;
                while (running) {
                    for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(200))) {
                        long now = System.nanoTime();
                        if (r.value() instanceof CommandCompleted c) {
                            Outcome o = outcome(c.getCommandId());
                            o.bookingsInvoiced = c.getBookingsInvoiced();
                            o.invoicesAnnounced = c.getInvoiceIds().size();
                            o.completedAtNanos = now;
                        } else if (r.value() instanceof CommandRejected c) {
                            Outcome o = outcome(c.getCommandId());
                            o.rejection = String.valueOf(c);
                            o.completedAtNanos = now;
                        } else if (r.value() instanceof DraftInvoiceCreated d) {
                            Outcome o = outcome(d.getCommandId());
                            o.invoicesRead.incrementAndGet();
                            o.lastInvoiceAtNanos = now;
                        }
                    }
                }
            } catch (RuntimeException e) {
                System.err.println("result watcher stopped: " + e);
            }
        }, "result-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    Outcome outcome(String commandId) {
        return outcomes.computeIfAbsent(commandId, id -> new Outcome());
    }

    boolean positioned() {
        return positioned;
    }

    /**
     * The result is readable and so is every invoice it announces, and at least {@code expectedInvoices}: a result
     * over many invoices lists only part of their ids (CommandCompleted stays under 1 MB; 27,342 of 100,000 at 1M).
     */
    boolean done(String commandId, long expectedInvoices) {
        Outcome o = outcome(commandId);
        return o.completedAtNanos != 0 && (o.rejection != null
                || o.invoicesRead.get() >= Math.max(o.invoicesAnnounced, expectedInvoices));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
