package dev.bookingsinvoicing.faults;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.bookingsinvoicing.localstack.LocalStack;

/**
 * The invoicing service of a fault stack run as a separate OS process, one after another: started with the arguments
 * the stack gives its own invoicing service (which must not run beside it), SIGKILLed, started again.
 */
final class InvoicingProcesses implements AutoCloseable {

    static final String VIEW_GROUP = "invoicing-view";
    static final String COMMAND_GROUP = "invoicing-commands";
    private static final Path LOGS = Path.of("target", "process-kill");

    private final FaultStack stack;
    private final String name;
    private ChildJvm current;
    private int starts;

    InvoicingProcesses(FaultStack stack, String name) {
        this.stack = stack;
        this.name = name;
    }

    /** Starts the next process; its output goes to {@code target/process-kill/<name>-<n>.log}. */
    void start() {
        starts++;
        // C1 only and the serial collector: a faster start-up on a 2-core machine, where each restart costs seconds
        List<String> jvmOptions = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        List<String> args = new ArrayList<>(stack.stack.arguments(LocalStack.Service.INVOICING));
        // A SIGKILLed consumer never leaves its group: the broker waits for its session to time out before the next
        // process gets the partitions. 6 s (the broker's minimum) instead of the default 45 s keeps each restart
        // short; the restart takes longer than that anyway.
        args.add("--spring.kafka.consumer.properties.session.timeout.ms=6000");
        args.add("--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");
        // No shorter transaction.timeout.ms: a process killed with a command's offset in its open Kafka transaction
        // is fenced by the next one at start-up (kafka-support's TransactionalProducers, docs/reliability.md), so
        // the restart does not wait the default 60 s for the broker to abort it.
        Path log = LOGS.resolve(name + "-" + starts + ".log");
        current = ChildJvm.start(InvoicingChildMain.class, jvmOptions, args, log);
    }

    int starts() {
        return starts;
    }

    /**
     * Waits until the current process's listener of this group holds partitions, as the process itself says: the
     * listener container logs "{@code <group>: partitions assigned}" once its consumer has them and their committed
     * offsets. The broker's view of the group is not enough: it lists the new process as assigned while its consumer
     * still waits for offsets that a killed process's open transaction holds (four processes in a row were killed
     * in that wait once, none having touched a command).
     */
    void awaitConsuming(String group) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> current.output().contains(group + ": partitions assigned"));
    }

    /** SIGKILLs the current process and waits until it is gone; its exit value. */
    int kill() {
        int exit = current.kill();
        current = null;
        return exit;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
    }
}
