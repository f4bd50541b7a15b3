package dev.bookingsinvoicing.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceGrouping;
import dev.bookingsinvoicing.commands.InvoiceScope;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code invoice --all | --customer C00010 | --bookings id1,id2 [--group-by customer-and-month] [--preview]}:
 * Business Central's "Invoice" actions; with {@code --preview} the service only says what the command would invoice
 * and skip.
 */
@Command(name = "invoice", mixinStandardHelpOptions = true,
        description = "Create draft invoices (one per customer, more for a customer with many bookings) for ready "
                + "bookings: every one, one customer's, or the bookings you name.")
final class InvoiceCommand implements Callable<Integer> {

    static final class Which {
        @Option(names = "--all", required = true, description = "Every ready booking.")
        boolean all;

        @Option(names = "--customer", required = true, paramLabel = "CUSTOMER_NO",
                description = "Every ready booking of one customer (their customer no., e.g. C00010).")
        String customerNo;

        @Option(names = "--bookings", required = true, split = ",", paramLabel = "BOOKING",
                description = "The bookings to invoice, comma-separated, each as list shows it in its BOOKING "
                        + "column (business/appointment/Bookings customer).")
        List<String> bookingIds;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--business", paramLabel = "MAILBOX",
            description = "Only bookings of this Bookings business (its mailbox address).")
    String businessId;

    @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "Only bookings dated on or after this day: "
            + "the booking's local date (its start in the appointment's own time zone), as the operator page shows it.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Only bookings dated on or before this day "
            + "(included; the booking's local date).")
    LocalDate to;

    @Option(names = "--preview", description = "Only show what would be invoiced: the draft invoices (customer, "
            + "currency, lines, total), the totals per currency and the bookings that would be skipped, with why. "
            + "Nothing is invoiced; run the same command without --preview to create those invoices.")
    boolean preview;

    @Option(names = "--group-by", paramLabel = "GROUPING", converter = Grouping.class,
            completionCandidates = Grouping.class, description = "How the bookings go on draft invoices (always also "
                    + "per currency): customer (one per customer with every business's bookings, Business Central's "
                    + "rule), customer-and-business, or customer-and-month (per calendar month of the bookings' "
                    + "local dates). Default: the invoicing service's bookings.invoicing.default-grouping.")
    InvoiceGrouping groupBy;

    @Mixin
    CommandOptions options;

    @ParentCommand
    OperatorCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return CommandChannel.run(cli, spec, what(), options.commandId, toCommand(Instant.now()));
    }

    /** "Invoicing the ready bookings of customer C00010 of salon@contoso.com dated 2026-11-01 to 2026-11-30". */
    String what() {
        String bookings = which.all ? "Invoicing every ready booking"
                : which.customerNo != null ? "Invoicing the ready bookings of customer " + which.customerNo
                : "Invoicing " + which.bookingIds.size() + " selected booking(s)";
        String dated = from == null ? (to == null ? "" : " dated " + to + " or earlier")
                : to == null ? " dated " + from + " or later" : " dated " + from + " to " + to;
        return (preview ? "Preview: " : "") + bookings + (businessId == null ? "" : " of " + businessId) + dated
                + (groupBy == null ? "" : ", " + Grouping.words(groupBy));
    }

    InvoiceBookings toCommand(Instant now) {
        InvoiceBookings.Builder builder = InvoiceBookings.newBuilder().setCommandId(options.commandId).setIssuedAt(now)
                .setIssuedBy(options.issuedBy).setBusinessId(businessId).setFromDate(from).setToDate(to)
                .setPreview(preview).setGrouping(groupBy);
        if (which.all) {
            return builder.setScope(InvoiceScope.ALL).build();
        }
        if (which.customerNo != null) {
            return builder.setScope(InvoiceScope.CUSTOMER).setCustomerNo(which.customerNo).build();
        }
        return builder.setScope(InvoiceScope.SELECTED).setBookingIds(which.bookingIds).build();
    }

    /** The groupings as the command line writes them: customer, customer-and-business, customer-and-month. */
    static final class Grouping implements ITypeConverter<InvoiceGrouping>, Iterable<String> {

        @Override
        public InvoiceGrouping convert(String value) {
            return Arrays.stream(InvoiceGrouping.values()).filter(g -> name(g).equals(value.toLowerCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of "
                            + String.join(", ", this)));
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(InvoiceGrouping.values()).map(Grouping::name).iterator();
        }

        static String name(InvoiceGrouping grouping) {
            return grouping.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** "per customer and month" */
        static String words(InvoiceGrouping grouping) {
            return "per " + name(grouping).replace('-', ' ');
        }
    }
}
