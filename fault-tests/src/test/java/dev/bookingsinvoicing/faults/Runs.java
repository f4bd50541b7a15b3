package dev.bookingsinvoicing.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.schemas.Topics;

/** The steps every case shares: seed a universe, wait for the view, invoice, wait for the results. */
final class Runs {

    private static final Logger log = LoggerFactory.getLogger(Runs.class);
    static final Duration PATIENCE = Duration.ofMinutes(5);

    private Runs() {
    }

    static void seed(FaultStack stack, Universe universe) {
        stack.publish(universe.registrations());
        stack.publish(universe.appointments());
    }

    static void awaitReadyView(FaultStack stack, Universe universe) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(
                () -> stack.viewCount(universe.businessId(), "READY") == universe.bookings());
    }

    static void send(FaultStack stack, Collection<InvoiceBookings> commands) {
        stack.publish(commands.stream()
                .map(c -> new Universe.Event(Topics.INVOICING_COMMANDS, c.getCommandId(), c)).toList());
    }

    static Set<String> ids(Collection<InvoiceBookings> commands) {
        Set<String> ids = new HashSet<>();
        commands.forEach(c -> ids.add(c.getCommandId()));
        return ids;
    }

    static Map<String, String> awaitResults(FaultStack stack, Set<String> commandIds, Duration patience) {
        Map<String, String>[] results = new Map[1];
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> {
            results[0] = InvoicingOutcome.results(stack, commandIds);
            return results[0].keySet().containsAll(commandIds);
        });
        return results[0];
    }

    /**
     * Sends every command but the last (the selections), runs {@code duringFirstPhase} (the fault), waits for their
     * results, then sends the last one (invoice all) and waits for its result.
     */
    static void invoiceInTwoPhases(FaultStack stack, List<InvoiceBookings> commands, Runnable duringFirstPhase) {
        List<InvoiceBookings> selected = commands.subList(0, commands.size() - 1);
        send(stack, selected);
        duringFirstPhase.run();
        awaitResults(stack, ids(selected), PATIENCE);
        InvoiceBookings all = commands.get(commands.size() - 1);
        send(stack, List.of(all));
        awaitResults(stack, Set.of(all.getCommandId()), PATIENCE);
    }

    /** Number of results so far (to place faults in the middle of a run). */
    static int resultsSoFar(FaultStack stack, Set<String> commandIds) {
        return InvoicingOutcome.results(stack, commandIds).size();
    }

    /**
     * Each record {@code copies} times, shuffled, but in order within a key: the copies of one key keep their
     * relative order (what Kafka guarantees per partition), different keys interleave at random.
     */
    static <T> List<T> shuffledWithinKeys(List<T> records, java.util.function.Function<T, String> key, int copies,
            java.util.Random random) {
        Map<String, java.util.ArrayDeque<T>> queues = new java.util.LinkedHashMap<>();
        for (T record : records) {
            for (int i = 0; i < copies; i++) {
                queues.computeIfAbsent(key.apply(record), k -> new java.util.ArrayDeque<>()).add(record);
            }
        }
        List<java.util.ArrayDeque<T>> open = new java.util.ArrayList<>(queues.values());
        List<T> shuffled = new java.util.ArrayList<>();
        while (!open.isEmpty()) {
            int i = random.nextInt(open.size());
            shuffled.add(open.get(i).poll());
            if (open.get(i).isEmpty()) {
                open.set(i, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
        }
        return shuffled;
    }

    /** Waits until a consumer group has committed every record of these topics (it has read all there is). */
    static void awaitConsumed(FaultStack stack, String group, String... topics) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                "bootstrap.servers", stack.bootstrapServers()))) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                        new java.util.HashMap<>();
                for (String topic : topics) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                            .forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
                }
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue().offset()));
            });
        }
    }

    /**
     * The clean run of a universe and its commands, in a stack no fault touches, started for it and closed after it:
     * a stack kept for the whole suite held every case's data in its in-memory MongoDB, and at full size the suite's
     * JVM ran out of heap (3 GiB, the old generation full, minutes of full GCs) before its last case.
     */
    static synchronized InvoicingOutcome clean(Universe universe, List<InvoiceBookings> commands) {
        return CLEAN_OUTCOMES.computeIfAbsent(universe.name(), name -> {
            long started = System.nanoTime();
            try (FaultStack stack = FaultStack.start("clean")) {
                seed(stack, universe);
                awaitReadyView(stack, universe);
                invoiceInTwoPhases(stack, commands, () -> { });
                InvoicingOutcome outcome = InvoicingOutcome.read(stack, ids(commands));
                log.info("clean run of {}: {} bookings on {} invoices in {} s", name, outcome.invoicesOf().size(),
                        outcome.invoices().size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
                return outcome;
            }
        });
    }

    private static final Map<String, InvoicingOutcome> CLEAN_OUTCOMES = new ConcurrentHashMap<>();
}
