package dev.bookingsinvoicing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceGrouping;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.CurrencyTotal;
import dev.bookingsinvoicing.events.PreviewedInvoice;
import dev.bookingsinvoicing.events.PreviewedLine;
import dev.bookingsinvoicing.events.RefusedBooking;
import dev.bookingsinvoicing.events.SkippedBooking;
import picocli.CommandLine;

class InvoiceCommandTest {

    private static InvoiceBookings parse(String... args) {
        return invoice(args).toCommand(Instant.parse("2026-11-26T12:00:00Z"));
    }

    private static InvoiceCommand invoice(String... args) {
        CommandLine.ParseResult parsed = OperatorCli.commandLine().parseArgs(args);
        return (InvoiceCommand) parsed.subcommand().commandSpec().userObject();
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

        assertThat(invoice("invoice", "--customer", "C00010", "--business", "salon@contoso.com", "--from",
                "2026-11-01", "--to", "2026-11-30").what()).isEqualTo("Invoicing the ready bookings of customer "
                        + "C00010 of salon@contoso.com dated 2026-11-01 to 2026-11-30");
        assertThat(invoice("invoice", "--all", "--from", "2026-11-01").what())
                .isEqualTo("Invoicing every ready booking dated 2026-11-01 or later");
        assertThat(invoice("invoice", "--bookings", "b/a1/c1,b/a2/c1").what())
                .isEqualTo("Invoicing 2 selected booking(s)");

        InvoiceBookings open = parse("invoice", "--customer", "C00010");
        assertThat(open.getFromDate()).isNull();
        assertThat(open.getToDate()).isNull();
    }

    @Test
    void previewPrintsTheInvoicesItWouldCreateTheTotalsAndTheSkippedBookingsAndExitsZero() {
        InvoiceCommand invoice = invoice("invoice", "--bookings", "b/a/1,b/a/2,b/a/3,b/x/9", "--preview");
        assertThat(invoice.toCommand(Instant.EPOCH).getPreview()).isTrue();
        assertThat(invoice.what()).isEqualTo("Preview: Invoicing 4 selected booking(s)");
        assertThat(parse("invoice", "--all").getPreview()).isFalse();

        CommandCompleted preview = CommandCompleted.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH)
                .setCommandId("cmd-p").setCommandType("InvoiceBookings").setInvoiceIds(List.of())
                .setBookingsInvoiced(0).setSkipped(List.of(new SkippedBooking("b/x/9", "unknown booking id",
                        "NOT_FOUND")))
                .setPreview(true)
                .setPreviewedInvoices(List.of(
                        previewed("C00010", "Ann Smith", "EUR", "70.00000", "b/a/1", "b/a/2"),
                        previewed("C00020", "Bob Jones", "KWD", "12.50000", "b/a/3")))
                .setPreviewTotals(List.of(new CurrencyTotal("EUR", 1, 2, new BigDecimal("70.00000")),
                        new CurrencyTotal("KWD", 1, 1, new BigDecimal("12.50000"))))
                .build();
        StringWriter out = new StringWriter();

        // a preview named bookings and invoiced none, yet it did what it was asked
        assertThat(Results.print(preview, new PrintWriter(out), Results.namesWhatItWants(invoice.toCommand(
                Instant.EPOCH)))).isEqualTo(ExitCode.DONE);
        assertThat(out.toString().lines()).containsExactly(
                "PREVIEW cmd-p: would invoice 3 booking(s) on 2 draft invoice(s), 1 skipped; nothing was invoiced",
                "  invoice  C00010 Ann Smith: 70.00 EUR, 2 line(s)",
                "  invoice  C00020 Bob Jones: 12.500 KWD, 1 line(s)",
                "  total    70.00 EUR: 1 draft invoice(s), 2 line(s)",
                "  total    12.500 KWD: 1 draft invoice(s), 1 line(s)",
                "  skipped  b/x/9: not found (unknown booking id)");
    }

    @Test
    void aCutPreviewSaysHowManyInvoicesItLeftOut() {
        CommandCompleted cut = CommandCompleted.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH)
                .setCommandId("cmd-big").setCommandType("InvoiceBookings").setInvoiceIds(List.of())
                .setBookingsInvoiced(0).setSkipped(List.of()).setPreview(true).setTruncated(true)
                .setPreviewedInvoices(List.of(previewed("C00010", "Ann Smith", "EUR", "10.00000", "b/a/1")))
                .setPreviewTotals(List.of(new CurrencyTotal("EUR", 3, 3, new BigDecimal("30.00000")))).build();
        StringWriter out = new StringWriter();

        assertThat(Results.print(cut, new PrintWriter(out), false)).isEqualTo(ExitCode.DONE);
        assertThat(out.toString()).contains("would invoice 3 booking(s) on 3 draft invoice(s)",
                "... and 2 more draft invoice(s), left out to keep the result small", "the counts are exact");
    }

    private static PreviewedInvoice previewed(String customerNo, String name, String currency, String total,
            String... bookingIds) {
        return new PreviewedInvoice(customerNo, name, currency, List.of("b"), bookingIds.length,
                new BigDecimal(total), java.util.Arrays.stream(bookingIds).map(id -> new PreviewedLine(id, "I-1",
                        "Haircut - 2026-11-01", BigDecimal.ONE.setScale(5), new BigDecimal(total),
                        new BigDecimal(total))).toList());
    }

    @Test
    void groupsAsAskedOrLeavesItToTheService() {
        assertThat(parse("invoice", "--all", "--group-by", "customer-and-month").getGrouping())
                .isEqualTo(InvoiceGrouping.CUSTOMER_AND_MONTH);
        assertThat(parse("invoice", "--customer", "C00010", "--group-by", "customer-and-business").getGrouping())
                .isEqualTo(InvoiceGrouping.CUSTOMER_AND_BUSINESS);
        assertThat(parse("invoice", "--all", "--group-by", "Customer").getGrouping())
                .isEqualTo(InvoiceGrouping.CUSTOMER);
        assertThat(parse("invoice", "--all").getGrouping()).as("the service's default").isNull();
        assertThat(invoice("invoice", "--all", "--from", "2026-11-01", "--group-by", "customer-and-month", "--preview")
                .what()).isEqualTo("Preview: Invoicing every ready booking dated 2026-11-01 or later, per customer "
                        + "and month");
    }

    @Test
    void refusesAGroupingItDoesNotKnowNamingTheOnesItDoes() {
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("invoice", "--all", "--group-by", "business")).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("'business' is not one of customer, customer-and-business, "
                + "customer-and-month");
    }

    @Test
    void refusesTwoScopesAtOnce() {
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("invoice", "--all", "--customer", "C00010");
        assertThat(exit).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void printsAResultAndReturnsNonZeroOnRejection() {
        StringWriter out = new StringWriter();
        CommandCompleted completed = new CommandCompleted("e", Instant.EPOCH, "cmd-1", "InvoiceBookings",
                List.of("DI-1", "DI-2"), 3, List.of(new SkippedBooking("b/a/c", "needs a price", "NOT_READY")),
                List.of("b/a/1", "b/a/2", "b/a/3"), false, List.of(), List.of(), false);
        assertThat(Results.print(completed, new PrintWriter(out), false)).isEqualTo(ExitCode.DONE);
        assertThat(out.toString()).contains("3 booking(s) invoiced on 2 draft invoice(s), 1 skipped")
                .contains("invoice  DI-1").contains("skipped  b/a/c: not ready (needs a price)");

        StringWriter rejectedOut = new StringWriter();
        CommandRejected rejected = new CommandRejected("e", Instant.EPOCH, "cmd-2", "InvoiceBookings", "no booking ids",
                List.of());
        assertThat(Results.print(rejected, new PrintWriter(rejectedOut), false)).isEqualTo(ExitCode.REJECTED);
        assertThat(rejectedOut.toString()).contains("REJECTED cmd-2: no booking ids");
    }

    @Test
    void aSelectionOfWhichNothingWasInvoicedExitsFourAndSaysWhatWasNotDone() {
        CommandCompleted nothing = new CommandCompleted("e", Instant.EPOCH, "cmd-3", "InvoiceBookings", List.of(), 0,
                List.of(new SkippedBooking("b/x/1", "unknown booking id", "NOT_FOUND"),
                        new SkippedBooking("b/a/2", "already invoiced on DI-7", "ALREADY_INVOICED"),
                        new SkippedBooking("b/x/3", "unknown booking id", "NOT_FOUND")),
                List.of(), false, List.of(), List.of(), false);
        StringWriter out = new StringWriter();

        ExitCode exit = Results.print(nothing, new PrintWriter(out),
                Results.namesWhatItWants(parse("invoice", "--bookings", "b/x/1,b/a/2,b/x/3")));

        assertThat(exit).isEqualTo(ExitCode.NOTHING_DONE);
        assertThat(out.toString()).contains("0 booking(s) invoiced on 0 draft invoice(s), 3 skipped")
                .contains("skipped  b/x/1: not found (unknown booking id)")
                .contains("skipped  b/a/2: already invoiced (already invoiced on DI-7)")
                .contains("NOTHING INVOICED: 2 not found, 1 already invoiced");
    }

    @Test
    void aCustomerWithNothingReadyExitsFourButInvoiceAllWithNothingReadyIsNotAFailure() {
        CommandCompleted empty = new CommandCompleted("e", Instant.EPOCH, "cmd-4", "InvoiceBookings", List.of(), 0,
                List.of(), List.of(), false, List.of(), List.of(), false);

        StringWriter customerOut = new StringWriter();
        assertThat(Results.print(empty, new PrintWriter(customerOut),
                Results.namesWhatItWants(parse("invoice", "--customer", "C00010"))))
                .isEqualTo(ExitCode.NOTHING_DONE);
        assertThat(customerOut.toString()).contains("NOTHING INVOICED: no booking was ready");

        // a scheduled "invoice all" that finds nothing ready is the normal case, not an error
        StringWriter allOut = new StringWriter();
        assertThat(Results.print(empty, new PrintWriter(allOut),
                Results.namesWhatItWants(parse("invoice", "--all")))).isEqualTo(ExitCode.DONE);
        assertThat(allOut.toString()).contains("NOTHING INVOICED: no booking was ready");

        // a completed invoice that did invoice something is 0 whatever it names
        CommandCompleted some = new CommandCompleted("e", Instant.EPOCH, "cmd-5", "InvoiceBookings", List.of("DI-1"),
                1, List.of(new SkippedBooking("b/x/1", "unknown booking id", "NOT_FOUND")), List.of("b/a/1"), false, List.of(), List.of(), false);
        assertThat(Results.print(some, new PrintWriter(new StringWriter()),
                Results.namesWhatItWants(parse("invoice", "--bookings", "b/a/1,b/x/1")))).isEqualTo(ExitCode.DONE);
    }

    @Test
    void aMarkThatMarkedNothingExitsFourAndARefusedMarkNamesEachBooking() {
        CommandLine.ParseResult parsed = OperatorCli.commandLine().parseArgs("mark-invoiced", "--bookings", "b/a/1",
                "--reason", "paid in cash");
        MarkInvoicedCommand mark = (MarkInvoicedCommand) parsed.subcommand().commandSpec().userObject();
        boolean named = Results.namesWhatItWants(mark.toCommand(Instant.EPOCH));
        CommandCompleted raced = new CommandCompleted("e", Instant.EPOCH, "m-1", "MarkBookingsInvoiced", List.of(), 0,
                List.of(new SkippedBooking("b/a/1", "already invoiced on DI-2", "ALREADY_INVOICED")), List.of(), false, List.of(), List.of(), false);
        StringWriter out = new StringWriter();
        assertThat(Results.print(raced, new PrintWriter(out), named)).isEqualTo(ExitCode.NOTHING_DONE);
        assertThat(out.toString()).contains("NOTHING MARKED: 1 already invoiced");

        CommandRejected refused = new CommandRejected("e", Instant.EPOCH, "m-2", "MarkBookingsInvoiced",
                "2 booking(s) cannot be taken, nothing was changed: ...", List.of(
                        new RefusedBooking("b/x/9", "unknown booking id", "NOT_FOUND"),
                        new RefusedBooking("b/a/1", "already marked as invoiced by ann (cash)", "MARKED_INVOICED")));
        StringWriter refusedOut = new StringWriter();
        assertThat(Results.print(refused, new PrintWriter(refusedOut), named)).isEqualTo(ExitCode.REJECTED);
        assertThat(refusedOut.toString()).contains("refused  b/x/9: not found (unknown booking id)")
                .contains("refused  b/a/1: marked as invoiced (already marked as invoiced by ann (cash))");
    }

    @Test
    void aKindThisCliDoesNotKnowIsPrintedAsTheReasonAlone() {
        CommandCompleted future = new CommandCompleted("e", Instant.EPOCH, "cmd-6", "InvoiceBookings", List.of("DI-1"),
                1, List.of(new SkippedBooking("b/a/2", "held for review", "ON_HOLD")), List.of("b/a/1"), false, List.of(), List.of(), false);
        StringWriter out = new StringWriter();
        assertThat(Results.print(future, new PrintWriter(out), true)).isEqualTo(ExitCode.DONE);
        assertThat(out.toString()).contains("skipped  b/a/2: held for review");
    }
}
