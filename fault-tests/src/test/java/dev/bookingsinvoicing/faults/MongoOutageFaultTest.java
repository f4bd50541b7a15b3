package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.cli.DeadLetters;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * MongoDB goes away for a while (the embedded server stops accepting and drops every connection; its data stays)
 * while the view fills and during an invoicing run: consumers wait or back off and resume, nothing is
 * dead-lettered, lost or invoiced twice.
 */
@Tag("fault")
class MongoOutageFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(12);
    private final FaultSize size = FaultSize.current();

    @Test
    void mongoAwayForAWhileDuringTheViewAndInvoicingLosesNothing() {
        Universe universe = new Universe("mongo", size.caseBookings());
        List<InvoiceBookings> commands = universe.commands(Math.max(50, size.caseBookings() / 10));
        Set<String> commandIds = Runs.ids(commands);
        InvoicingOutcome clean = Runs.clean(universe, commands);
        long started = System.nanoTime();

        try (FaultStack stack = FaultStack.start("mongo")) {
            Runs.seed(stack, universe);
            await().atMost(Runs.PATIENCE).until(() -> stack.viewCount(universe.businessId(), null) > 0);
            long viewAtCut = stack.viewCount(universe.businessId(), null);
            stack.cutMongo();
            Report.pause(OUTAGE);
            stack.restoreMongo();
            Runs.awaitReadyView(stack, universe);

            int[] resultsAtCut = new int[1];
            Runs.invoiceInTwoPhases(stack, commands, () -> {
                await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> Runs.resultsSoFar(stack, commandIds) >= 1);
                resultsAtCut[0] = Runs.resultsSoFar(stack, commandIds);
                stack.cutMongo();
                Report.pause(OUTAGE);
                stack.restoreMongo();
            });

            InvoicingOutcome outcome = InvoicingOutcome.read(stack, commandIds);
            DeadLetters deadLetters = stack.deadLetters();
            int deadLettered = 0;
            for (String topic : List.of(Topics.APPOINTMENTS, Topics.CUSTOMER_REGISTRATIONS, Topics.ITEM_REGISTRATIONS,
                    Topics.INVOICING_COMMANDS, Topics.CUSTOMERS, Topics.SERVICES)) {
                deadLettered += deadLetters.list(topic).size();
            }
            Report.line("mongo", String.format("2 MongoDB outages of %d s (connections dropped, port closed): while "
                    + "the view filled (%d of %d rows), during invoicing (%d of %d results); dead-lettered: %d; %s; "
                    + "%.0f s", OUTAGE.toSeconds(), viewAtCut, universe.bookings(), resultsAtCut[0], commandIds.size(),
                    deadLettered, outcome.summaryAgainst(clean), (System.nanoTime() - started) / 1e9));
            assertThat(deadLettered).as("records dead-lettered because MongoDB was away").isZero();
            assertThat(outcome.invoicedTwice()).as("bookings invoiced twice").isZero();
            assertThat(outcome.lostAgainst(clean)).as("bookings lost").isEmpty();
            assertThat(outcome.extraAgainst(clean)).isEmpty();
            assertThat(outcome.differentInvoicesFrom(clean)).as("invoices unlike the clean run's").isEmpty();
            assertThat(outcome.results()).isEqualTo(clean.results());
        }
    }
}
