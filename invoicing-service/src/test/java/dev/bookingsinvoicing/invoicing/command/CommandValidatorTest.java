package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommandValidatorTest {

    private final CommandValidator validator = new CommandValidator(3);

    @Test
    void selectedWithoutIdsIsRejected() {
        assertThat(validator.rejectionOf(command(InvoiceScope.SELECTED, List.of(), null)))
                .contains("scope SELECTED needs at least one booking id");
    }

    @Test
    void aSelectionOverTheMaximumIsRejected() {
        assertThat(validator.rejectionOf(command(InvoiceScope.SELECTED, Collections.nCopies(4, "b/a/c"), null)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("more than the maximum of 3"));
        assertThat(validator.rejectionOf(command(InvoiceScope.SELECTED, Collections.nCopies(3, "b/a/c"), null)))
                .isEmpty();
    }

    @Test
    void customerScopeWithoutACustomerNoIsRejected() {
        assertThat(validator.rejectionOf(command(InvoiceScope.CUSTOMER, List.of(), " ")))
                .contains("scope CUSTOMER needs a customerNo");
        assertThat(validator.rejectionOf(command(InvoiceScope.CUSTOMER, List.of(), "C00010"))).isEmpty();
    }

    @Test
    void aMissingScopeOrAnEmptyPeriodIsRejectedAndAllIsAccepted() {
        assertThat(validator.rejectionOf(command(null, List.of(), null))).isPresent();
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        assertThat(validator.rejectionOf(new InvoiceCommand("c1", "me", InvoiceScope.ALL, List.of(), null, null, t,
                t, null, null, false, null))).contains("from must be before to");
        assertThat(validator.rejectionOf(command(InvoiceScope.ALL, List.of(), null))).isEmpty();
    }

    @Test
    void localDatesIncludeBothEndsSoOneDayIsARangeAndAReversedOneIsRejected() {
        LocalDate day = LocalDate.of(2026, 3, 8);
        assertThat(validator.rejectionOf(new InvoiceCommand("c1", "me", InvoiceScope.ALL, List.of(), null, null, null,
                null, day, day, false, null))).isEmpty();
        assertThat(validator.rejectionOf(new InvoiceCommand("c1", "me", InvoiceScope.ALL, List.of(), null, null, null,
                null, day, day.minusDays(1), false, null))).contains("fromDate must be on or before toDate");
    }

    private static InvoiceCommand command(InvoiceScope scope, List<String> ids, String customerNo) {
        return new InvoiceCommand("cmd-1", "operator", scope, ids, customerNo, null, null, null, null, null, false, null);
    }
}
