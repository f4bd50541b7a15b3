package dev.bookingsinvoicing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.SkippedBooking;
import picocli.CommandLine;

class InvoiceCommandTest {

    private static InvoiceBookings parse(String... args) {
        CommandLine cli = OperatorCli.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        InvoiceCommand invoice = (InvoiceCommand) parsed.subcommand().commandSpec().userObject();
        return invoice.toCommand(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void buildsEachBusinessCentralScopeFromTheCommandLine() {
        assertThat(parse("invoice", "--all").getScope()).isEqualTo(InvoiceScope.ALL);

        InvoiceBookings customer = parse("invoice", "--customer", "C00010");
        assertThat(customer.getScope()).isEqualTo(InvoiceScope.CUSTOMER);
        assertThat(customer.getCustomerNo()).isEqualTo("C00010");

        InvoiceBookings selected = parse("invoice", "--bookings", "b/a1/c1,b/a2/c1", "--command-id", "cmd-7");
        assertThat(selected.getScope()).isEqualTo(InvoiceScope.SELECTED);
        assertThat(selected.getBookingIds()).containsExactly("b/a1/c1", "b/a2/c1");
        assertThat(selected.getCommandId()).isEqualTo("cmd-7");
    }

    @Test
    void narrowsByBusinessAndTheBookingsLocalDatesBothIncluded() {
        InvoiceBookings command = parse("invoice", "--all", "--business", "salon@contoso.com", "--from", "2026-11-01",
                "--to", "2026-11-30");
        assertThat(command.getBusinessId()).isEqualTo("salon@contoso.com");
        assertThat(command.getFromDate()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(command.getToDate()).isEqualTo(LocalDate.of(2026, 11, 30));
        // dates, not UTC instants: a day in Los Angeles is not the UTC day of the same name
        assertThat(command.getFrom()).isNull();
        assertThat(command.getTo()).isNull();

        InvoiceBookings open = parse("invoice", "--customer", "C00010");
        assertThat(open.getFromDate()).isNull();
        assertThat(open.getToDate()).isNull();
    }

    @Test
    void refusesTwoScopesAtOnce() {
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("invoice", "--all", "--customer", "C00010");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void printsAResultAndReturnsNonZeroOnRejection() {
        StringWriter out = new StringWriter();
        CommandCompleted completed = new CommandCompleted("e", Instant.EPOCH, "cmd-1", "InvoiceBookings",
                List.of("DI-1", "DI-2"), 3, List.of(new SkippedBooking("b/a/c", "needs a price")),
                List.of("b/a/1", "b/a/2", "b/a/3"));
        assertThat(InvoiceCommand.print(completed, new PrintWriter(out))).isZero();
        assertThat(out.toString()).contains("3 booking(s) invoiced on 2 draft invoice(s), 1 skipped")
                .contains("invoice  DI-1").contains("skipped  b/a/c: needs a price");

        StringWriter rejectedOut = new StringWriter();
        CommandRejected rejected = new CommandRejected("e", Instant.EPOCH, "cmd-2", "InvoiceBookings", "no booking ids");
        assertThat(InvoiceCommand.print(rejected, new PrintWriter(rejectedOut))).isEqualTo(OperatorCli.REJECTED);
        assertThat(rejectedOut.toString()).contains("REJECTED cmd-2: no booking ids");
    }
}
