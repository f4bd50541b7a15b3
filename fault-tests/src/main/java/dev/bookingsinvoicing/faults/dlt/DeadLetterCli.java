package dev.bookingsinvoicing.faults.dlt;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.RecordMetadata;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlt list --topic T} and {@code dlt replay --topic T --offset N [--partition P]}: what an operator needs to
 * see why records were dead-lettered and to send them back once the cause is fixed.
 */
@Command(name = "dlt", mixinStandardHelpOptions = true, description = "List and replay dead-lettered records",
        subcommands = { DeadLetterCli.ListCommand.class, DeadLetterCli.ReplayCommand.class })
public final class DeadLetterCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for use as a library (tests set their own writers). */
    public static CommandLine commandLine() {
        return new CommandLine(new DeadLetterCli());
    }

    /** Options every subcommand shares. */
    static class Target {
        @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
                description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or localhost:9092)")
        String bootstrapServers;

        @Option(names = "--topic", required = true, description = "the source topic (or its -dlt topic)")
        String topic;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every dead letter of a topic: position, key, size, original position, type, reason")
    static class ListCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Target target;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetters.DeadLetter> letters = new DeadLetters(target.bootstrapServers).list(target.topic);
            letters.forEach(l -> out.println(l.summary()));
            out.println(letters.size() + " dead letter(s) in " + DeadLetters.deadLetterTopicOf(target.topic));
            out.flush();
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-publish one dead letter to its original topic (original key and bytes, header "
                    + DeadLetters.REPLAYED_FROM_HEADER + ")")
    static class ReplayCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Target target;
        @Option(names = "--offset", required = true, description = "offset of the record in the dead-letter topic")
        long offset;
        @Option(names = "--partition", description = "partition of the record in the dead-letter topic")
        Integer partition;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                RecordMetadata sent = new DeadLetters(target.bootstrapServers).replay(target.topic, partition, offset);
                spec.commandLine().getOut().printf("replayed %s/%s@%d to %s/%d@%d%n",
                        DeadLetters.deadLetterTopicOf(target.topic), partition == null ? "*" : partition, offset,
                        sent.topic(), sent.partition(), sent.offset());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                spec.commandLine().getErr().flush();
                return 2;
            }
        }
    }
}
