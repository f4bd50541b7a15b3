package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.localstack.LocalStack;

/**
 * The invoicing service crashes again and again during a large invoicing run (and while its view fills), and is
 * restarted each time: every booking ends up on exactly one draft invoice, and the invoices are the clean run's,
 * id for id and line for line.
 */
@Tag("fault")
class InvoicingCrashFaultTest {

    private final FaultSize size = FaultSize.current();

    @Test
    void killedAtRandomPointsOfALargeRunEveryBookingIsInvoicedOnceOnTheCleanRunsInvoices() {
        Universe universe = new Universe("crash", size.crashBookings());
        List<InvoiceBookings> commands = universe.commands(size.bookingsPerCommand());
        Set<String> commandIds = Runs.ids(commands);
        InvoicingOutcome clean = Runs.clean(universe, commands);
        long seed = Long.getLong("faults.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        long started = System.nanoTime();

        try (FaultStack stack = FaultStack.start("crash")) {
            // Given the view filling from 10,000s of events, with crashes in the middle of it
            Runs.seed(stack, universe);
            List<String> viewKills = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                awaitConsuming(stack, "invoicing-view");
                Report.pause(Duration.ofMillis(300 + random.nextInt(1500)));
                viewKills.add(Long.toString(stack.viewCount(universe.businessId(), null)));
                stack.crashInvoicing();
                stack.stack.start(LocalStack.Service.INVOICING);
            }
            Runs.awaitReadyView(stack, universe);
            Map<String, Map<String, String>> totalsAfterViewKills = stack.totalsKeptAndCounted();

            // When the run's commands are processed with the service crashing at random points
            List<Integer> resultsAtKill = new ArrayList<>();
            Set<String> selectedIds = Runs.ids(commands.subList(0, commands.size() - 1));
            Runs.invoiceInTwoPhases(stack, commands, () -> {
                while (resultsAtKill.size() < size.crashKills()) {
                    awaitConsuming(stack, "invoicing-commands");
                    // Kill points spread over the run: the k-th kill waits for a random number of results within
                    // the k-th of as many slices as kills of all but the last 3 results (left for the pause to
                    // overshoot into: a kill after the run does not count), then up to 20 ms, so it lands in any step
                    // of the command at hand or of the next (a kill right after each restart hit the first command
                    // 31-40 times out of 40). A restarted service finishes at least one command before the next kill,
                    // so a run needs more commands than kills.
                    int target = (int) ((resultsAtKill.size() + random.nextDouble()) * (selectedIds.size() - 3)
                            / size.crashKills());
                    await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(10))
                            .until(() -> Runs.resultsSoFar(stack, selectedIds) >= target);
                    Report.pause(Duration.ofMillis(random.nextInt(20)));
                    // kill first, then count: a dead service makes no progress, so the count is the one at the kill
                    stack.crashInvoicing();
                    int done = Runs.resultsSoFar(stack, selectedIds);
                    stack.stack.start(LocalStack.Service.INVOICING);
                    if (done == selectedIds.size()) {
                        break; // that kill came after the run: not one of its kill points
                    }
                    resultsAtKill.add(done);
                }
            });

            // Then
            InvoicingOutcome outcome = InvoicingOutcome.read(stack, commandIds);
            Report.line("crash", String.format("seed %d, %d bookings, %d commands; %d kills while the view filled "
                    + "(view rows at kill: %s); %d kills during the run (results at kill: %s); %s; %.0f s",
                    seed, universe.bookings(), commands.size(), viewKills.size(), viewKills, resultsAtKill.size(),
                    resultsAtKill, outcome.summaryAgainst(clean), (System.nanoTime() - started) / 1e9));
            assertThat(resultsAtKill).as("kills in the middle of the run (seed %d)", seed)
                    .hasSizeGreaterThanOrEqualTo(size.crashKills());
            outcome.assertSameAs(clean, universe.bookings());
            await().atMost(Runs.PATIENCE).until(() -> stack.viewCount(universe.businessId(), null) == 0);
            assertThat(totalsAfterViewKills.get("kept")).as("totals kept per customer after kills while the view "
                    + "filled").isNotEmpty().isEqualTo(totalsAfterViewKills.get("counted"));
            Map<String, Map<String, String>> totalsAtEnd = stack.totalsKeptAndCounted();
            assertThat(totalsAtEnd.get("kept")).as("totals kept per customer after the kills during invoicing")
                    .isEqualTo(totalsAtEnd.get("counted"));
        }
    }

    /** Waits until the service is back and its listener holds partitions, so a kill hits work, not a start-up. */
    static void awaitConsuming(FaultStack stack, String listenerId) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
            ConfigurableApplicationContext context = stack.stack.service(LocalStack.Service.INVOICING);
            if (context == null) {
                return false;
            }
            MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer(listenerId);
            return container != null && container.isRunning() && container.getAssignedPartitions() != null
                    && !container.getAssignedPartitions().isEmpty();
        });
    }
}
