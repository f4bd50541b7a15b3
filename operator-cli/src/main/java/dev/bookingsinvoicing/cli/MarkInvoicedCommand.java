package dev.bookingsinvoicing.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mark-invoiced --bookings id1,id2 --reason "paid in cash"}: Business Central's "Mark as Invoiced". */
@Command(name = "mark-invoiced", mixinStandardHelpOptions = true,
        description = "Take bookings off Bookings Not Invoiced without an invoice, recording who and why.")
final class MarkInvoicedCommand implements Callable<Integer> {

    @Option(names = "--bookings", required = true, split = ",", paramLabel = "BOOKING",
            description = "The bookings, comma-separated, each as list shows it in its BOOKING column.")
    List<String> bookingIds;

    @Option(names = "--reason", required = true, description = "Why they need no invoice.")
    String reason;

    @Mixin
    CommandOptions options;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return CommandChannel.run(cli, spec, "Marking " + bookingIds.size() + " booking(s) as invoiced ("
                + reason + ")", options.commandId, toCommand(Instant.now()));
    }

    MarkBookingsInvoiced toCommand(Instant now) {
        return new MarkBookingsInvoiced(options.commandId, now, options.issuedBy, bookingIds, reason);
    }
}
