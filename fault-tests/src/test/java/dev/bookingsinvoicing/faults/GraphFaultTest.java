package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.simulator.Faults;
import dev.bookingsinvoicing.simulator.Faults.Fault;

/**
 * Microsoft Graph misbehaves (a storm of 429 with Retry-After, 500/503/504, an answer slower than the client's
 * timeout, malformed JSON, appointments it sends without a start) while new appointments wait in Bookings and an
 * invoicing run goes on: the run is the clean run, the appointments without a start are quarantined, and once Graph
 * behaves the view holds exactly what Bookings holds.
 */
@Tag("fault")
class GraphFaultTest {

    private final FaultSize size = FaultSize.current();

    @Test
    void graphFaultsDelayTheSyncButTheRestKeepsWorkingAndNothingIsLost() {
        Universe universe = new Universe("graph", size.caseBookings());
        List<InvoiceBookings> commands = universe.commands(Math.max(50, size.caseBookings() / 10));
        Set<String> commandIds = Runs.ids(commands);
        InvoicingOutcome clean = Runs.clean(universe, commands);
        long started = System.nanoTime();

        try (FaultStack stack = FaultStack.start("graph", FaultStack.tidyTenant(),
                Duration.ofSeconds(10))) {
            await().atMost(Runs.PATIENCE).until(() -> SimulatedBookings.readyInView(stack)
                    .equals(SimulatedBookings.expectedReady(stack)));
            int added = SimulatedBookings.addCompletedAppointments(stack, "graph-faults", 30);
            Faults faults = stack.stack.simulator().faults();
            // three of them come without a start, under either documented key, until Graph is fixed
            List<String> unreadable = List.of("graph-faults-0", "graph-faults-1", "graph-faults-2");
            unreadable.forEach(id -> faults.damage(id, node -> {
                node.remove("startDateTime");
                node.remove("start");
            }));
            // a storm of 429 the client rides out within a run (Retry-After), then faults that fail a run (500,
            // malformed JSON, retries exhausted) and one answer slower than the client's 30 s timeout
            List<Fault> storm = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                storm.add(Fault.tooManyRequests(1));
            }
            storm.addAll(List.of(Fault.status(503), Fault.status(500), Fault.malformedBody(), Fault.status(504),
                    Fault.slow(Duration.ofSeconds(35)), Fault.malformedBody()));
            faults.script(Faults.Endpoint.CALENDAR_VIEW, storm.toArray(Fault[]::new));
            faults.script(Faults.Endpoint.CUSTOMERS, Fault.tooManyRequests(2), Fault.status(503), Fault.malformedBody());
            faults.script(Faults.Endpoint.SERVICES, Fault.status(500), Fault.tooManyRequests(1), Fault.malformedBody());
            int scripted = faults.pending();
            SimulatedBookings.runSyncNow(stack);

            // meanwhile, the rest of the system works
            Runs.seed(stack, universe);
            Runs.awaitReadyView(stack, universe);
            Runs.invoiceInTwoPhases(stack, commands, () -> { });
            InvoicingOutcome outcome = InvoicingOutcome.read(stack, commandIds);
            long invoicedAt = System.nanoTime();

            await().atMost(Runs.PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> faults.pending() == 0
                    && SimulatedBookings.quarantined(stack).containsAll(unreadable));
            assertThat(SimulatedBookings.readyInView(stack)).as("ready rows while three are quarantined")
                    .hasSize(SimulatedBookings.expectedReady(stack).size() - unreadable.size());
            faults.clear();
            await().atMost(Runs.PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                    java.util.Collections.disjoint(SimulatedBookings.quarantined(stack), unreadable)
                    && SimulatedBookings.readyInView(stack).equals(SimulatedBookings.expectedReady(stack)));
            int served = 0;
            for (Faults.Endpoint endpoint : Faults.Endpoint.values()) {
                served += faults.injected(endpoint);
            }
            Report.line("graph", String.format("%d scripted Graph faults (4x 429 Retry-After 1 s, 503, 500, "
                    + "malformed JSON, 504, a 35 s answer beyond the 30 s timeout, malformed JSON on calendarView; 429, "
                    + "503, malformed on customers; 500, 429, malformed on services; 3 appointments without a start, "
                    + "quarantined until fixed; sync every 10 s), %d served; %d new appointments synced after the faults, the view holds "
                    + "all %d expected simulator bookings; invoicing meanwhile: %s, done %.0f s into the case; "
                    + "%.0f s", scripted, served, added, SimulatedBookings.expectedReady(stack).size(),
                    outcome.summaryAgainst(clean), (invoicedAt - started) / 1e9, (System.nanoTime() - started) / 1e9));
            assertThat(served).isGreaterThanOrEqualTo(scripted);
            assertThat(outcome.invoicedTwice()).as("bookings invoiced twice").isZero();
            assertThat(outcome.lostAgainst(clean)).as("bookings lost").isEmpty();
            assertThat(outcome.differentInvoicesFrom(clean)).as("invoices unlike the clean run's").isEmpty();
            assertThat(outcome.results()).isEqualTo(clean.results());
        }
    }
}
