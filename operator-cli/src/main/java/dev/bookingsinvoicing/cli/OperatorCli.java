package dev.bookingsinvoicing.cli;

import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code operator-cli}: issues invoicing commands on {@code invoicing.commands}, waits for their result on
 * {@code invoicing.command-results} and prints it. Exit code 0 when completed, 2 when rejected, 3 on time-out, 4 when
 * an invoice (of selected bookings or of one customer) or mark-invoiced command completed without invoicing or
 * marking any booking it named.
 */
@Command(name = "operator-cli", mixinStandardHelpOptions = true, subcommands = { InvoiceCommand.class, MarkInvoicedCommand.class,
        AssociateCommand.class, DeleteDraftCommand.class, SetPriceCommand.class, ListCommand.class },
        description = "Bookings Not Invoiced, from the command line.")
public final class OperatorCli {

    static final int REJECTED = 2;
    static final int TIMED_OUT = 3;
    static final int NOTHING_DONE = 4;

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT,
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--invoicing-url", scope = ScopeType.INHERIT,
            defaultValue = "${env:INVOICING_URL:-http://localhost:8080}",
            description = "invoicing-service base URL, for reading the view (env INVOICING_URL). Default: ${DEFAULT-VALUE}.")
    String invoicingUrl;

    @Option(names = "--api-user", scope = ScopeType.INHERIT, defaultValue = "${env:INVOICING_USER:-viewer}",
            description = "User for the REST API, HTTP Basic (env INVOICING_USER). Default: ${DEFAULT-VALUE}.")
    String apiUser;

    @Option(names = "--api-password", scope = ScopeType.INHERIT, defaultValue = "${env:INVOICING_PASSWORD:-viewer}",
            description = "Its password (env INVOICING_PASSWORD).")
    String apiPassword;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, defaultValue = "PT2M",
            description = "How long to wait for a command's result. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The CLI as a library: {@code commandLine().execute(args)} without exiting the JVM. */
    public static CommandLine commandLine() {
        return new CommandLine(new OperatorCli());
    }
}
