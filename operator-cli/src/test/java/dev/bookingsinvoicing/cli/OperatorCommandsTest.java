package dev.bookingsinvoicing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bookingsinvoicing.commands.AssociateCustomer;
import dev.bookingsinvoicing.commands.DeleteDraftInvoice;
import dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
import dev.bookingsinvoicing.commands.ResolveCorrection;
import dev.bookingsinvoicing.commands.SetBookingPrice;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.SkippedBooking;
import picocli.CommandLine;

class OperatorCommandsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static Object subcommand(String... args) {
        CommandLine.ParseResult parsed = OperatorCli.commandLine().parseArgs(args);
        return parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void markInvoicedCarriesTheBookingsWhoAndWhy() {
        MarkBookingsInvoiced command = ((MarkInvoicedCommand) subcommand("mark-invoiced", "--bookings",
                "b/a1/c1,b/a2/c1", "--reason", "paid in cash", "--issued-by", "ann", "--command-id", "cmd-1"))
                .toCommand(NOW);
        assertThat(command.getBookingIds()).containsExactly("b/a1/c1", "b/a2/c1");
        assertThat(command.getReason()).isEqualTo("paid in cash");
        assertThat(command.getIssuedBy()).isEqualTo("ann");
        assertThat(command.getCommandId()).isEqualTo("cmd-1");
        assertThat(command.getIssuedAt()).isEqualTo(NOW);
    }

    @Test
    void correctionCreditsOrAcceptsOneCorrectionAndRefusesAnythingElse() {
        ResolveCorrection credit = ((CorrectionCommand) subcommand("correction", "credit", "CO-1", "--reason",
                "cancelled by phone", "--command-id", "r-1")).toCommand(NOW);
        assertThat(credit.getCorrectionId()).isEqualTo("CO-1");
        assertThat(credit.getResolution()).isEqualTo("CREDIT");
        assertThat(credit.getReason()).isEqualTo("cancelled by phone");
        assertThat(credit.getCommandId()).isEqualTo("r-1");
        assertThat(((CorrectionCommand) subcommand("correction", "accept", "CO-1")).toCommand(NOW).getResolution())
                .isEqualTo("ACCEPT");
        assertThat(usageError("correction", "refund", "CO-1")).contains("refund");
        assertThat(usageError("correction", "credit")).contains("CORRECTION_ID");

        assertThat(printed(new CommandCompleted("e", Instant.EPOCH, "r-1", "ResolveCorrection", List.of("CN-1"), 0,
                List.of(), List.of("b/a/1"), false, List.of(), List.of(), false)))
                .contains("COMPLETED r-1: correction credited on draft credit note CN-1").contains("booking  b/a/1");
        assertThat(printed(new CommandCompleted("e", Instant.EPOCH, "r-2", "ResolveCorrection", List.of(), 0,
                List.of(), List.of("b/a/1"), false, List.of(), List.of(), false)))
                .contains("COMPLETED r-2: correction accepted as invoiced");
        StringWriter out = new StringWriter();
        assertThat(Results.print(new CommandRejected("e", Instant.EPOCH, "r-3", "ResolveCorrection",
                "correction CO-1 is already credited by command r-1", List.of()), new PrintWriter(out), false))
                .isEqualTo(ExitCode.REJECTED);
        assertThat(out.toString()).contains("REJECTED r-3: correction CO-1 is already credited by command r-1");
    }

    @Test
    void associateNamesTheBookingsCustomerAndTheCustomerNo() {
        AssociateCustomer command = ((AssociateCommand) subcommand("associate", "--business", "salon@contoso.com",
                "--bookings-customer", "c-42", "--customer-no", "C00010")).toCommand(NOW);
        assertThat(command.getBusinessId()).isEqualTo("salon@contoso.com");
        assertThat(command.getBookingsCustomerId()).isEqualTo("c-42");
        assertThat(command.getCustomerNo()).isEqualTo("C00010");
        assertThat(command.getCustomerName()).isNull();
        assertThat(command.getCommandId()).isNotBlank();
    }

    @Test
    void deleteDraftAndSetPriceBuildTheirCommandsAtTheSchemasScales() {
        DeleteDraftInvoice delete = ((DeleteDraftCommand) subcommand("delete-draft", "--invoice", "DI-1"))
                .toCommand(NOW);
        assertThat(delete.getInvoiceId()).isEqualTo("DI-1");

        SetBookingPrice price = ((SetPriceCommand) subcommand("set-price", "--bookings", "b/a/c", "--unit-price", "45",
                "--quantity", "1.5")).toCommand(NOW);
        assertThat(price.getUnitPrice()).isEqualTo(new BigDecimal("45.00"));
        assertThat(price.getQuantity()).isEqualTo(new BigDecimal("1.5000"));
        assertThat(((SetPriceCommand) subcommand("set-price", "--bookings", "b/a/c", "--unit-price", "45"))
                .toCommand(NOW).getQuantity()).isNull();

        // a three-decimal currency's price travels exactly; readers of the first version get it to 2 decimals
        SetBookingPrice dinars = ((SetPriceCommand) subcommand("set-price", "--bookings", "b/a/c", "--unit-price",
                "12.345", "--quantity", "0.66667")).toCommand(NOW);
        assertThat(dinars.getExactUnitPrice()).isEqualTo(new BigDecimal("12.34500"));
        assertThat(dinars.getExactQuantity()).isEqualTo(new BigDecimal("0.66667"));
        assertThat(dinars.getUnitPrice()).isEqualTo(new BigDecimal("12.35"));
        assertThat(dinars.getQuantity()).isEqualTo(new BigDecimal("0.6667"));
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        assertThat(usageError("mark-invoiced", "--bookings", "b/a/c")).contains("--reason");
    }

    @Test
    void anUnreadableCommandConfigIsAUsageErrorNamingTheFileAndNothingIsSent(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("client.properties");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("invoice", "--all", "--command-config", missing.toString()))
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).startsWith("Invalid value for option '--command-config': cannot read " + missing
                + ": no such file\nSee 'operator-cli invoice --help' for its options.");
        assertThat(out.toString()).as("nothing was sent").isEmpty();

        assertThat(usageError("dlt", "list", "--topic", "t", "--command-config", dir.toString()))
                .contains("cannot read " + dir);
    }

    @Test
    void aKafkaSettingTheClientRefusesIsAUsageErrorInOneLine(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_PLAINTEXT_PLEASE\n");
        String err = usageError("invoice", "--all", "--command-config", config.toString(),
                "--bootstrap-servers", "localhost:1");
        assertThat(err).startsWith("A Kafka client setting is wrong (--command-config, --bootstrap-servers): Invalid "
                + "value SASL_PLAINTEXT_PLEASE for configuration security.protocol").hasLineCount(1);
    }

    @Test
    void theTimeoutIsWrittenAsOperatorsWriteItOrInIso8601AndMustBeMoreThanZero() {
        Durations durations = new Durations();
        assertThat(durations.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(durations.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.words(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(usageError("invoice", "--all", "--timeout", "0s")).contains("'0s' must be more than zero");
        assertThat(usageError("invoice", "--all", "--timeout", "soon"))
                .contains("'soon' is not a duration: write 30s, 2m, 1h or PT2M");
    }

    private static String usageError(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = OperatorCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).as(err.toString()).isEqualTo(ExitCode.USAGE.code());
        return err.toString();
    }

    @Test
    void printsEachKindOfResultReadably() {
        assertThat(printed(new CommandCompleted("e", Instant.EPOCH, "m-1", "MarkBookingsInvoiced", List.of(), 2,
                List.of(new SkippedBooking("b/a/3", "already invoiced on DI-9", "ALREADY_INVOICED")),
                List.of("b/a/1", "b/a/2"), false, List.of(), List.of(), false)))
                .contains("COMPLETED m-1: 2 booking(s) marked as invoiced, 1 skipped").contains("booking  b/a/1")
                .contains("skipped  b/a/3: already invoiced (already invoiced on DI-9)");
        assertThat(printed(new CommandCompleted("e", Instant.EPOCH, "d-1", "DeleteDraftInvoice", List.of("DI-1"), 0,
                List.of(), List.of("b/a/1"), false, List.of(), List.of(), false)))
                .contains("COMPLETED d-1: draft invoice DI-1 deleted, 1 booking(s) released").contains("booking  b/a/1")
                .doesNotContain("invoice  DI-1");
        assertThat(printed(new CommandCompleted("e", Instant.EPOCH, "p-1", "SetBookingPrice", List.of(), 0, List.of(),
                List.of("b/a/1"), false, List.of(), List.of(), false))).contains("COMPLETED p-1: 1 booking(s) priced, 0 skipped");
        assertThat(printed(new CommandCompleted("e", Instant.EPOCH, "a-1", "AssociateCustomer", List.of(), 0,
                List.of(new SkippedBooking("b/a/2", "needs a price", "NOT_READY")), List.of("b/a/1", "b/a/2"), false, List.of(), List.of(), false)))
                .contains("COMPLETED a-1: 2 booking(s) now billed to the customer, 1 not ready yet");
    }

    private static String printed(CommandCompleted completed) {
        StringWriter out = new StringWriter();
        assertThat(Results.print(completed, new PrintWriter(out), false)).isEqualTo(ExitCode.DONE);
        return out.toString();
    }
}
