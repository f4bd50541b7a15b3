package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.invoicing.view.CustomerPosting;

class PlanChunksTest {

    private static final Instant NOW = Instant.parse("2026-03-31T18:00:00Z");

    @Test
    void aPlanCutIntoPiecesComesBackWholeWithInvoicesSpreadOverSeveralPieces() {
        InvoicePlan plan = new InvoicePlan("cmd-1", List.of(invoice("DI-a", 7), invoice("DI-b", 2),
                invoice("DI-c", 4)), IntStream.range(0, 5).mapToObj(i -> new SkippedBooking("s" + i, "needs a price"))
                        .toList(), NOW);

        List<PlanChunks.Piece> pieces = PlanChunks.split(plan, 3);

        assertThat(pieces).allSatisfy(p -> assertThat(p.invoices().stream().mapToInt(i -> i.lines().size()).sum()
                + p.skipped().size()).isLessThanOrEqualTo(3));
        assertThat(pieces).hasSize(5 + 2);
        assertThat(PlanChunks.merge("cmd-1", pieces, NOW)).isEqualTo(plan);
    }

    @Test
    void anEmptyPlanHasNoPieces() {
        InvoicePlan empty = new InvoicePlan("cmd-1", List.of(), List.of(), NOW);

        assertThat(PlanChunks.split(empty, 3)).isEmpty();
        assertThat(PlanChunks.merge("cmd-1", List.of(), NOW)).isEqualTo(empty);
    }

    private static DraftInvoice invoice(String id, int lines) {
        List<InvoiceLine> list = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            list.add(new InvoiceLine(i, id + "/" + i, "b1", "I-1", "Haircut - 2026-03-02", NOW,
                    LocalDate.of(2026, 3, 2), "Europe/Berlin", new BigDecimal("1.00000"), new BigDecimal("10.00"),
                    new BigDecimal("10.00"), "PCS", "SERVICES", "VAT25"));
        }
        return new DraftInvoice(id, "cmd-1", "C-" + id, "Customer", "EUR", list,
                new BigDecimal("10.00").multiply(BigDecimal.valueOf(lines)), NOW,
                new CustomerPosting("DOMESTIC", "DOMESTIC", "VAT25"));
    }
}
