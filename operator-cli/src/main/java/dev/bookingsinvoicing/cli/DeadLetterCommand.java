package dev.bookingsinvoicing.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.RecordMetadata;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlt list --topic T} and {@code dlt replay --topic T --offset N [--partition P]}: what an operator needs to
 * see why a service could not process records (the shared error policy's dead letters) and to send them back once
 * the cause is fixed.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true,
        description = "The records a service could not process (dead letters): list them with why, send one back "
                + "to its topic once the cause is fixed.",
        subcommands = { DeadLetterCommand.ListDeadLetters.class, DeadLetterCommand.Replay.class })
final class DeadLetterCommand {

    /** The topic every dlt subcommand names. */
    static final class Topic {
        @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic the records "
                + "came on, e.g. bookings.appointments (or its dead-letter topic, bookings.appointments-dlt).")
        String topic;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print every dead letter of a topic: "
            + "where it is, its key and size, where it came from, its type and why it could not be processed.")
    static final class ListDeadLetters implements Callable<Integer> {
        @Mixin
        Topic target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetters.DeadLetter> letters = new DeadLetters(OperatorCli.of(spec).kafka()).list(target.topic);
            letters.forEach(l -> out.println(l.summary()));
            out.println(letters.size() + " dead letter(s) in " + DeadLetters.deadLetterTopicOf(target.topic));
            out.flush();
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Send one dead letter back to the topic "
            + "it came on, as it was (key and bytes), marked with the header " + DeadLetters.REPLAYED_FROM_HEADER + ".")
    static final class Replay implements Callable<Integer> {
        @Mixin
        Topic target;

        @Option(names = "--offset", required = true, description = "Where the record is in the dead-letter topic "
                + "(the number after @ in list's output).")
        long offset;

        @Option(names = "--partition", description = "Its partition in the dead-letter topic (the number before @), "
                + "needed when several partitions hold that offset.")
        Integer partition;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RecordMetadata sent;
            try {
                sent = new DeadLetters(OperatorCli.of(spec).kafka()).replay(target.topic, partition, offset);
            } catch (IllegalArgumentException noSuchLetter) {
                throw new CliFailure(ExitCode.USAGE, noSuchLetter.getMessage());
            }
            spec.commandLine().getOut().printf("replayed %s/%s@%d to %s/%d@%d%n",
                    DeadLetters.deadLetterTopicOf(target.topic), partition == null ? "*" : partition, offset,
                    sent.topic(), sent.partition(), sent.offset());
            spec.commandLine().getOut().flush();
            return ExitCode.DONE.code();
        }
    }
}
