package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.simulator.Faults;

/**
 * The Kafka broker stops and comes back (same ports, same log) in the middle of a sync from Graph and in the middle
 * of the invoicing view filling and of an invoicing run.
 */
@Tag("fault")
class BrokerRestartFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private final FaultSize size = FaultSize.current();

    @Test
    void brokerRestartsDuringSyncViewAndInvoicingLoseNothingAndDuplicateNothing() {
        Universe universe = new Universe("broker", size.caseBookings());
        List<InvoiceBookings> commands = universe.commands(Math.max(50, size.caseBookings() / 10));
        Set<String> commandIds = Runs.ids(commands);
        InvoicingOutcome clean = Runs.clean(universe, commands);
        long started = System.nanoTime();

        try (FaultStack stack = FaultStack.start("broker")) {
            // 1. during a sync: new appointments in Bookings, slow Graph answers so the sync is still running
            await().atMost(Runs.PATIENCE).until(() -> SimulatedBookings.readyInView(stack)
                    .equals(SimulatedBookings.expectedReady(stack)));
            int added = SimulatedBookings.addCompletedAppointments(stack, "broker-restart", 40);
            stack.stack.simulator().faults().rate(Faults.Endpoint.ANY, 1.0, Faults.Fault.slow(Duration.ofMillis(150)));
            int requestsBefore = stack.stack.simulator().requests().size();
            SimulatedBookings.runSyncNow(stack);
            await().atMost(Duration.ofMinutes(2)).until(() -> stack.stack.simulator().requests().size() >= requestsBefore + 3);
            int requestsAtStop = stack.stack.simulator().requests().size() - requestsBefore;
            stack.stack.stopBroker();
            Report.pause(OUTAGE);
            stack.stack.startBroker();
            stack.stack.simulator().faults().clear();
            await().atMost(Runs.PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> SimulatedBookings
                    .readyInView(stack).equals(SimulatedBookings.expectedReady(stack)));
            int syncBookings = SimulatedBookings.expectedReady(stack).size();

            // 2. while the view fills
            Runs.seed(stack, universe);
            await().atMost(Runs.PATIENCE).until(() -> stack.viewCount(universe.businessId(), null) > 0);
            long viewAtStop = stack.viewCount(universe.businessId(), null);
            stack.stack.stopBroker();
            Report.pause(OUTAGE);
            stack.stack.startBroker();
            Runs.awaitReadyView(stack, universe);

            // 3. during the invoicing run
            int[] resultsAtStop = new int[1];
            Runs.invoiceInTwoPhases(stack, commands, () -> {
                await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(200))
                        .until(() -> Runs.resultsSoFar(stack, commandIds) >= 1);
                resultsAtStop[0] = Runs.resultsSoFar(stack, commandIds);
                stack.stack.stopBroker();
                Report.pause(OUTAGE);
                stack.stack.startBroker();
            });

            InvoicingOutcome outcome = InvoicingOutcome.read(stack, commandIds);
            Report.line("broker", String.format("3 broker stops of %d s: during a sync (%d Graph requests served, "
                    + "%d new appointments; afterwards the view holds all %d expected simulator bookings), while the "
                    + "view filled (%d of %d rows), during invoicing (%d of %d results); %s; %.0f s",
                    OUTAGE.toSeconds(), requestsAtStop, added, syncBookings, viewAtStop, universe.bookings(),
                    resultsAtStop[0], commandIds.size(), outcome.summaryAgainst(clean),
                    (System.nanoTime() - started) / 1e9));
            assertThat(outcome.invoicedTwice()).as("bookings invoiced twice").isZero();
            assertThat(outcome.lostAgainst(clean)).as("bookings lost").isEmpty();
            assertThat(outcome.extraAgainst(clean)).isEmpty();
            assertThat(outcome.differentInvoicesFrom(clean)).as("invoices unlike the clean run's").isEmpty();
            assertThat(outcome.results()).isEqualTo(clean.results());
        }
    }
}
