package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
