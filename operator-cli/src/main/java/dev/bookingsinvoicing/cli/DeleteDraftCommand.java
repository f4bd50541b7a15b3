package dev.bookingsinvoicing.cli;

import java.time.Instant;
import java.util.concurrent.Callable;

import dev.bookingsinvoicing.commands.DeleteDraftInvoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code delete-draft --invoice DI-...}: delete a draft invoice; its bookings return to the view. */
@Command(name = "delete-draft", mixinStandardHelpOptions = true,
        description = "Delete a draft invoice; its bookings return to Bookings Not Invoiced.")
final class DeleteDraftCommand implements Callable<Integer> {

    @Option(names = "--invoice", required = true, paramLabel = "INVOICE_NO",
            description = "The draft invoice, as invoice printed it (DI-0123456789abcdef).")
    String invoiceId;

    @Mixin
    CommandOptions options;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return CommandChannel.run(cli, spec, "Deleting draft invoice " + invoiceId, options.commandId,
                toCommand(Instant.now()));
    }

    DeleteDraftInvoice toCommand(Instant now) {
        return new DeleteDraftInvoice(options.commandId, now, options.issuedBy, invoiceId);
    }
}
