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

    @Option(names = "--business", required = true, paramLabel = "MAILBOX",
            description = "The Bookings business the customer booked with (its mailbox address).")
    String businessId;

    @Option(names = "--bookings-customer", required = true, paramLabel = "ID", description = "The customer as Bookings "
            + "knows them: their Bookings id, the last part of each of their bookings in list's BOOKING column.")
    String bookingsCustomerId;

    @Option(names = "--customer-no", required = true, paramLabel = "CUSTOMER_NO",
            description = "The existing customer to bill them to, e.g. C00010.")
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
        return CommandChannel.run(cli, spec, "Billing the bookings of Bookings customer " + bookingsCustomerId + " of "
                + businessId + " to customer " + customerNo, options.commandId, toCommand(Instant.now()));
    }

    AssociateCustomer toCommand(Instant now) {
        return new AssociateCustomer(options.commandId, now, options.issuedBy, businessId, bookingsCustomerId,
                customerNo, customerName);
    }
}
