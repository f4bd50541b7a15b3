package dev.bookingsinvoicing.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.avro.specific.SpecificRecord;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code invoice --all | --customer C00010 | --bookings id1,id2}: Business Central's "Invoice" actions. */
@Command(name = "invoice", mixinStandardHelpOptions = true,
        description = "Create draft invoices (one per customer) for ready bookings.")
final class InvoiceCommand implements Callable<Integer> {

    static final class Scope {
        @Option(names = "--all", required = true, description = "Every ready booking.")
        boolean all;

        @Option(names = "--customer", required = true, paramLabel = "CUSTOMER_NO",
                description = "Every ready booking of one customer.")
        String customerNo;

        @Option(names = "--bookings", required = true, split = ",", paramLabel = "BOOKING_ID",
                description = "Selected bookings: {businessId}/{appointmentId}/{bookingsCustomerId}, comma-separated.")
        List<String> bookingIds;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @Option(names = "--business", description = "Only bookings of this Bookings business (mailbox address).")
    String businessId;

    @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "Only bookings dated on or after this day: "
            + "the booking's local date (its start in the appointment's own time zone), as the operator page shows it.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Only bookings dated on or before this day "
            + "(included; the booking's local date).")
    LocalDate to;

    @Mixin
    CommandOptions options;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InvoiceBookings command = toCommand(Instant.now());
        return send(cli, spec, options.commandId, "InvoiceBookings (" + command.getScope() + ")", command);
    }

    /**
     * What every command of the CLI does: publishes it keyed by its id, waits for the result with the CLI's timeout
     * and prints it. Exit code 0 when completed, {@link OperatorCli#REJECTED} or {@link OperatorCli#TIMED_OUT}.
     */
    static int send(OperatorCli cli, CommandSpec spec, String commandId, String what, SpecificRecord command)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Sending %s %s to %s ...%n", what, commandId, cli.bootstrapServers);
        out.flush();
        try (CommandChannel channel = new CommandChannel(cli.bootstrapServers)) {
            Optional<SpecificRecord> result = channel.send(commandId, command, cli.timeout);
            if (result.isEmpty()) {
                spec.commandLine().getErr().printf("No result for command %s within %s.%n", commandId, cli.timeout);
                spec.commandLine().getErr().flush();
                return OperatorCli.TIMED_OUT;
            }
            return print(result.get(), out);
        }
    }

    InvoiceBookings toCommand(Instant now) {
        InvoiceBookings.Builder builder = InvoiceBookings.newBuilder().setCommandId(options.commandId).setIssuedAt(now)
                .setIssuedBy(options.issuedBy).setBusinessId(businessId).setFromDate(from).setToDate(to);
        if (scope.all) {
            return builder.setScope(InvoiceScope.ALL).build();
        }
        if (scope.customerNo != null) {
            return builder.setScope(InvoiceScope.CUSTOMER).setCustomerNo(scope.customerNo).build();
        }
        return builder.setScope(InvoiceScope.SELECTED).setBookingIds(scope.bookingIds).build();
    }

    /** Prints any command's result in a few readable lines; returns the exit code. */
    static int print(SpecificRecord result, PrintWriter out) {
        if (result instanceof CommandRejected rejected) {
            out.printf("REJECTED %s: %s%n", rejected.getCommandId(), rejected.getReason());
            out.flush();
            return OperatorCli.REJECTED;
        }
        CommandCompleted completed = (CommandCompleted) result;
        int skipped = completed.getSkipped().size();
        int acted = completed.getBookingIds().size();
        String summary = switch (completed.getCommandType()) {
            case "MarkBookingsInvoiced" -> completed.getBookingsInvoiced() + " booking(s) marked as invoiced, "
                    + skipped + " skipped";
            case "AssociateCustomer" -> acted + " booking(s) now billed to the customer, " + skipped + " not ready yet";
            case "DeleteDraftInvoice" -> "draft invoice " + String.join(", ", completed.getInvoiceIds())
                    + " deleted, " + acted + " booking(s) released";
            case "SetBookingPrice" -> acted + " booking(s) priced, " + skipped + " skipped";
            default -> completed.getBookingsInvoiced() + " booking(s) invoiced on "
                    + completed.getInvoiceIds().size() + " draft invoice(s), " + skipped + " skipped";
        };
        out.printf("COMPLETED %s: %s%n", completed.getCommandId(), summary);
        if (!"DeleteDraftInvoice".equals(completed.getCommandType())) {
            completed.getInvoiceIds().forEach(id -> out.printf("  invoice  %s%n", id));
        }
        if (!"InvoiceBookings".equals(completed.getCommandType())) {
            completed.getBookingIds().forEach(id -> out.printf("  booking  %s%n", id));
        }
        completed.getSkipped().forEach(s -> out.printf("  skipped  %s: %s%n", s.getBookingId(), s.getReason()));
        out.flush();
        return 0;
    }
}
