package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommandResultTest {

    @Test
    void aResultForAMillionBookingsListsWhatFitsAndSaysItIsCut() throws Exception {
        List<String> invoiceIds = new ArrayList<>();
        List<String> bookingIds = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            bookingIds.add("bench" + (i % 10) + "@bench.example/appt-" + i + "/cust-" + i / 10);
            if (i % 10 == 0) {
                invoiceIds.add(InvoicePlanner.invoiceId("cmd", "C" + i, "EUR"));
            }
        }
        CommandResult result = CommandResult.completed("cmd", "InvoiceBookings", "ops", "ALL", invoiceIds,
                bookingIds.size(), List.of(), bookingIds, Instant.EPOCH, List.of());

        assertThat(result.truncated()).isTrue();
        // every business acted on, though the booking ids are cut: who may see the result depends on it
        assertThat(result.businessIds()).hasSize(10).allMatch(b -> b.matches("bench\\d@bench\\.example"));
        assertThat(result.bookingsInvoiced()).isEqualTo(1_000_000);
        assertThat(result.invoiceIds()).isEqualTo(invoiceIds.subList(0, result.invoiceIds().size()));
        int listed = result.invoiceIds().stream().mapToInt(id -> id.length() + 3).sum()
                + result.bookingIds().stream().mapToInt(id -> id.length() + 3).sum();
        assertThat(listed).isLessThanOrEqualTo(CommandResult.LIST_BUDGET_BYTES);
        assertThat(InvoicingEvents.commandCompleted(result).toByteBuffer().remaining()).isLessThan(1_000_000);
    }

    @Test
    void aPreviewOfTwoHundredThousandBookingsListsWhatFitsAndKeepsEveryCountAndTotalExact() throws Exception {
        List<DraftInvoice> invoices = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            List<InvoiceLine> lines = new ArrayList<>();
            for (int l = 0; l < 100; l++) {
                lines.add(new InvoiceLine(l + 1, "bench" + (i % 10) + "@bench.example/appt-" + i + "-" + l + "/cust-"
                        + i, "bench" + (i % 10) + "@bench.example", "I-" + l, "Personal training - 2026-11-01",
                        Instant.EPOCH, LocalDate.of(2026, 11, 1), "UTC", BigDecimal.ONE, new BigDecimal("12.50"),
                        new BigDecimal("12.50"), "HOUR", null, null));
            }
            invoices.add(new DraftInvoice("DI-" + i, "cmd", "C" + i, "Customer " + i, i % 2 == 0 ? "EUR" : "USD",
                    List.of(), null, Instant.EPOCH, null).withLines(lines));
        }
        List<SkippedBooking> skipped = List.of(new SkippedBooking("bench0@bench.example/x/y", "needs a price",
                SkippedBooking.Kind.NOT_READY));

        CommandResult result = CommandResult.previewed("cmd", "ops", "preview of ALL", invoices, skipped,
                Instant.EPOCH, List.of());

        assertThat(result.preview()).isTrue();
        assertThat(result.truncated()).isTrue();
        assertThat(result.invoiceIds()).isEmpty();
        assertThat(result.bookingIds()).isEmpty();
        assertThat(result.bookingsInvoiced()).isZero();
        // 1,000 invoices of 100 lines at 12.50 in each currency, however few the result lists
        assertThat(result.previewTotals()).containsExactly(
                new PreviewedInvoice.CurrencyTotal("EUR", 1_000, 100_000, new BigDecimal("1250000.00")),
                new PreviewedInvoice.CurrencyTotal("USD", 1_000, 100_000, new BigDecimal("1250000.00")));
        assertThat(result.previewedInvoices()).isNotEmpty().hasSizeLessThan(invoices.size())
                .allSatisfy(i -> assertThat(i.lineCount()).isEqualTo(100))
                .allSatisfy(i -> assertThat(i.totalAmount()).isEqualByComparingTo("1250.00"));
        PreviewedInvoice last = result.previewedInvoices().get(result.previewedInvoices().size() - 1);
        assertThat(last.lines()).hasSizeLessThanOrEqualTo(100);
        assertThat(result.previewedInvoices().subList(0, result.previewedInvoices().size() - 1))
                .allSatisfy(i -> assertThat(i.lines()).hasSize(100));
        assertThat(result.previewedInvoices()).extracting(PreviewedInvoice::customerNo)
                .isEqualTo(invoices.subList(0, result.previewedInvoices().size()).stream()
                        .map(DraftInvoice::customerNo).toList());
        assertThat(result.businessIds()).hasSize(10);
        assertThat(InvoicingEvents.commandCompleted(result).toByteBuffer().remaining()).isLessThan(1_000_000);
    }

    @Test
    void aSmallResultIsListedInFull() {
        CommandResult result = CommandResult.completed("cmd", "MarkBookingsInvoiced", "ops", "mark", List.of(), 2,
                List.of(new SkippedBooking("x/a/3", "already invoiced on DI-1")), List.of("b/a/1", "b/a/2"),
                Instant.EPOCH, List.of("named"));
        assertThat(result.truncated()).isFalse();
        assertThat(result.businessIds()).containsExactly("b", "named", "x");
        assertThat(result.bookingIds()).containsExactly("b/a/1", "b/a/2");
        assertThat(InvoicingEvents.commandCompleted(result).getBookingIds()).containsExactly("b/a/1", "b/a/2");
    }

    @Test
    void aRejectionKeepsTheBusinessesTheCommandNamed() {
        CommandResult result = CommandResult.rejected("cmd", "InvoiceBookings", "ops", "ALL, business spa",
                "nothing to invoice", Instant.EPOCH, CommandResult.businessesOf(List.of("spa/a/1", "gym/a/2")),
                List.of());
        assertThat(result.businessIds()).containsExactly("gym", "spa");
    }

    @Test
    void aRejectionNamesTheFirstFewProblemsAndCountsTheRest() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            problems.add("b/a/" + i + " unknown booking id");
        }
        assertThat(Validation.problems(problems)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("7 booking(s) cannot be taken, nothing was changed: b/a/0 unknown booking id")
                .endsWith("; and 2 more"));
        assertThat(Validation.selection("c", List.of(), 10)).contains("bookingIds must name at least one booking");
        assertThat(Validation.selection("c", List.of("a", "b", "c"), 2)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("more than the maximum of 2"));
    }
}
