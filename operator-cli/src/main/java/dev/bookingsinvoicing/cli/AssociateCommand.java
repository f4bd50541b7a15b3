package dev.bookingsinvoicing.cli;

import java.time.Instant;
import java.util.concurrent.Callable;

import dev.bookingsinvoicing.commands.AssociateCustomer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code associate --business b --bookings-customer id --customer-no C00010}: link an unmatched Bookings customer. */
@Command(name = "associate", mixinStandardHelpOptions = true,
        description = "Bill an unmatched Bookings customer to an existing customer no.; its bookings become ready.")
final class AssociateCommand implements Callable<Integer> {

    @Option(names = "--business", required = true, description = "The Bookings business (mailbox address).")
    String businessId;

    @Option(names = "--bookings-customer", required = true, paramLabel = "ID", description = "The Bookings customer id.")
    String bookingsCustomerId;

    @Option(names = "--customer-no", required = true, paramLabel = "CUSTOMER_NO", description = "An existing customer no.")
    String customerNo;

    @Option(names = "--customer-name", description = "Name to print on invoices. Default: the name on the bookings.")
    String customerName;

    @Mixin
    CommandOptions options;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return InvoiceCommand.send(cli, spec, options.commandId, "AssociateCustomer", toCommand(Instant.now()));
    }

    AssociateCustomer toCommand(Instant now) {
        return new AssociateCustomer(options.commandId, now, options.issuedBy, businessId, bookingsCustomerId,
                customerNo, customerName);
    }
}
