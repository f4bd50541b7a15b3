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
     * and prints it. Exit code 0 when completed, {@link OperatorCli#REJECTED}, {@link OperatorCli#TIMED_OUT}, or
     * {@link OperatorCli#NOTHING_DONE} when the command named bookings (or a customer) and none was invoiced or marked.
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
            return print(result.get(), out, namesWhatItWants(command));
        }
    }

    /**
     * Whether completing without invoicing or marking anything means the command failed the operator: it named
     * bookings or a customer. "Invoice all" finding nothing ready is the steady state of a scheduled run, not an
     * error; it completes with 0 and says so.
     */
    static boolean namesWhatItWants(SpecificRecord command) {
        return command instanceof InvoiceBookings invoice ? invoice.getScope() != InvoiceScope.ALL
                : command instanceof dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
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

    /** Prints any command's result in a few readable lines; returns the exit code (never NOTHING_DONE). */
    static int print(SpecificRecord result, PrintWriter out) {
        return print(result, out, false);
    }

    /**
     * Prints any command's result in a few readable lines, each booking not acted on with what kind of why;
     * returns the exit code: {@link OperatorCli#NOTHING_DONE} when {@code nothingIsAFailure} and an invoice or mark
     * command completed with no booking invoiced or marked.
     */
    static int print(SpecificRecord result, PrintWriter out, boolean nothingIsAFailure) {
        if (result instanceof CommandRejected rejected) {
            out.printf("REJECTED %s: %s%n", rejected.getCommandId(), rejected.getReason());
            rejected.getRefused().forEach(r -> out.printf("  refused  %s: %s%n", r.getBookingId(),
                    explained(r.getKind(), r.getReason())));
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
        completed.getSkipped().forEach(s -> out.printf("  skipped  %s: %s%n", s.getBookingId(),
                explained(s.getKind(), s.getReason())));
        boolean invoiceOrMark = "InvoiceBookings".equals(completed.getCommandType())
                || "MarkBookingsInvoiced".equals(completed.getCommandType());
        if (invoiceOrMark && completed.getBookingsInvoiced() == 0) {
            out.printf("NOTHING %s: %s%n", "InvoiceBookings".equals(completed.getCommandType()) ? "INVOICED"
                    : "MARKED", skipped == 0 ? "no ready booking in scope" : kinds(completed.getSkipped()));
            out.flush();
            return nothingIsAFailure ? OperatorCli.NOTHING_DONE : 0;
        }
        out.flush();
        return 0;
    }

    /** "not found (unknown booking id)": the kind first, in words, when the service gave one. */
    private static String explained(String kind, String reason) {
        String words = words(kind);
        return words.equals("other") ? reason : words + " (" + reason + ")";
    }

    /** The kind of why in words; "other" for a kind this CLI does not know (or none, from an older service). */
    private static String words(String kind) {
        return switch (kind == null ? "OTHER" : kind) {
            case "NOT_FOUND" -> "not found";
            case "ALREADY_INVOICED" -> "already invoiced";
            case "MARKED_INVOICED" -> "marked as invoiced";
            case "OUTSIDE_SCOPE" -> "outside --business/--from/--to";
            case "NOT_READY" -> "not ready";
            default -> "other";
        };
    }

    /** "2 not found, 1 already invoiced": how many of each kind, in the order first seen. */
    private static String kinds(List<dev.bookingsinvoicing.events.SkippedBooking> skipped) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        skipped.forEach(s -> counts.merge(words(s.getKind()), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
