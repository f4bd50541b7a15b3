package dev.bookingsinvoicing.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code operator-cli}: issues invoicing commands on {@code invoicing.commands}, waits for their result on
 * {@code invoicing.command-results} and prints it; lists the bookings not invoiced; lists and replays dead letters.
 * Its options reach every subcommand; its exit codes are {@link ExitCode}'s.
 */
@Command(name = "operator-cli", mixinStandardHelpOptions = true, subcommands = { InvoiceCommand.class,
        MarkInvoicedCommand.class, AssociateCommand.class, DeleteDraftCommand.class, SetPriceCommand.class,
        CorrectionCommand.class, ListCommand.class, DeadLetterCommand.class },
        description = { "Bookings Not Invoiced, from the command line: invoice ready bookings, mark bookings as "
                + "invoiced, bill an unmatched Bookings customer to a customer, price bookings, delete a draft "
                + "invoice, credit or accept a correction of an invoiced booking, list the bookings not invoiced, "
                + "and look at or re-send the records a service could not process.", "Each action goes to the invoicing service through Kafka; the CLI waits for its answer "
                        + "and prints it." })
public final class OperatorCli {

    static final String DEFAULT_KAFKA = "localhost:9092";

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}", description = "The Kafka cluster the services use. "
                    + "Default: $KAFKA_BOOTSTRAP_SERVERS, else bootstrap.servers of --command-config, else "
                    + DEFAULT_KAFKA + ".")
    String bootstrapServers;

    @Option(names = "--command-config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            converter = ClientConfigFile.class,
            description = "Kafka client properties for every connection the CLI makes, as the Kafka tools' "
                    + "--command-config takes them: security.protocol, sasl.mechanism, sasl.jaas.config, "
                    + "ssl.truststore.location, client.id, ... (a Java properties file).")
    ClientConfig commandConfig = ClientConfig.NONE;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "2m",
            converter = Durations.class, description = "The longest a command may take in all: reaching the cluster, "
                    + "sending, waiting for the answer (30s, 2m, 1h, or PT2M). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--invoicing-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:INVOICING_URL:-http://localhost:8080}",
            description = "The invoicing service, for list (env INVOICING_URL). Default: ${DEFAULT-VALUE}.")
    String invoicingUrl;

    @Option(names = "--api-user", scope = ScopeType.INHERIT, paramLabel = "USER",
            defaultValue = "${env:INVOICING_USER:-viewer}",
            description = "User for list, HTTP Basic (env INVOICING_USER). Default: ${DEFAULT-VALUE}.")
    String apiUser;

    @Option(names = "--api-password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            defaultValue = "${env:INVOICING_PASSWORD:-viewer}",
            description = "Its password (env INVOICING_PASSWORD).")
    String apiPassword;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The CLI as a library: {@code commandLine().execute(args)} without exiting the JVM. Every command's help ends
     * with the exit codes; a usage error or a failure while running is told on standard error ({@link Failures}).
     */
    public static CommandLine commandLine() {
        Failures failures = new Failures();
        CommandLine commandLine = new CommandLine(new OperatorCli()).setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
        listExitCodes(commandLine);
        return commandLine;
    }

    private static void listExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.usageList());
        commandLine.getSubcommands().values().forEach(OperatorCli::listExitCodes);
    }

    /** The root options of the command line {@code spec} belongs to. */
    static OperatorCli of(CommandSpec spec) {
        return (OperatorCli) spec.root().userObject();
    }

    /** The Kafka cluster as the options name it: --bootstrap-servers, else the command config's, else localhost. */
    String kafkaCluster() {
        return bootstrapServers != null && !bootstrapServers.isBlank() ? bootstrapServers
                : commandConfig.properties().getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_KAFKA);
    }

    /** The Kafka clients of this run: the run's time starts now. */
    KafkaClients kafka() {
        return new KafkaClients(kafkaCluster(), commandConfig.properties(), timeout);
    }

    /** The {@code --command-config} file's properties (none without the option). */
    record ClientConfig(Properties properties) {
        static final ClientConfig NONE = new ClientConfig(new Properties());
    }

    /** Reads {@code --command-config}; a file the CLI cannot read is a usage error naming it and why. */
    static final class ClientConfigFile implements ITypeConverter<ClientConfig> {
        @Override
        public ClientConfig convert(String file) {
            Properties properties = new Properties();
            // as Kafka's own tools read it (Utils.loadProps): java.util.Properties from the bytes, ISO 8859-1
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                properties.load(in);
                return new ClientConfig(properties);
            } catch (NoSuchFileException e) {
                throw new TypeConversionException("cannot read " + file + ": no such file");
            } catch (AccessDeniedException e) {
                throw new TypeConversionException("cannot read " + file + ": permission denied");
            } catch (IOException | IllegalArgumentException e) {
                throw new TypeConversionException("cannot read " + file + ": " + e.getMessage());
            }
        }
    }
}
