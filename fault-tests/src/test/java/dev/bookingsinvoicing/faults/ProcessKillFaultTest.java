package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.localstack.LocalStack;

/**
 * The invoicing service runs as a separate OS process and is killed with SIGKILL at random points of an invoicing
 * run (and once while its view fills), then started again each time: no finally block, no shutdown hook, no
 * flush runs in it. Every booking ends up on exactly one draft invoice, and the invoices are the clean run's, id for
 * id and line for line.
 */
@Tag("fault")
class ProcessKillFaultTest {

    /** Longest random pause between reaching a kill point's result count and the SIGKILL. */
    private static final int MAX_PAUSE_MS = 200;
    private final FaultSize size = FaultSize.current();

    @Test
    void sigkilledAtRandomPointsOfARunEveryBookingIsInvoicedOnceOnTheCleanRunsInvoices() {
        Universe universe = new Universe("kill", size.killBookings());
        List<InvoiceBookings> commands = universe.commands(size.killBookingsPerCommand());
        Set<String> commandIds = Runs.ids(commands);
        InvoicingOutcome clean = Runs.clean(universe, commands);
        long seed = Long.getLong("faults.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        long started = System.nanoTime();

        try (FaultStack stack = FaultStack.start("kill");
                InvoicingProcesses invoicing = new InvoicingProcesses(stack, "kill")) {
            // Given the invoicing service as its own process, and not in the stack's JVM, where it would compete
            stack.stack.stop(LocalStack.Service.INVOICING);
            invoicing.start();
            List<Integer> exits = new ArrayList<>();

            // a SIGKILL while the view fills: its listener commits offsets per poll, not per record
            Runs.seed(stack, universe);
            invoicing.awaitConsuming(InvoicingProcesses.VIEW_GROUP);
            await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> stack.viewCount(universe.businessId(), null) > 0);
            Report.pause(Duration.ofMillis(random.nextInt(500)));
            exits.add(invoicing.kill());
            long viewAtKill = stack.viewCount(universe.businessId(), null);
            invoicing.start();
            awaitReadyView(stack, universe, seed);

            // When the run's commands are processed with the process SIGKILLed at random points
            List<String> killPoints = new ArrayList<>();
            List<Duration> restarts = new ArrayList<>();
            Set<String> selectedIds = Runs.ids(commands.subList(0, commands.size() - 1));
            Runs.invoiceInTwoPhases(stack, commands, () -> {
                while (killPoints.size() < size.kills()) {
                    long restarting = System.nanoTime();
                    invoicing.awaitConsuming(InvoicingProcesses.COMMAND_GROUP);
                    restarts.add(Duration.ofNanos(System.nanoTime() - restarting));
                    // Kill points spread over the run whatever the machine's speed: the k-th kill waits for a random
                    // number of results within the k-th of (kills + 2) equal slices of the run (the last one left for
                    // the pause to overshoot into), then a random pause: the kill lands in the process's start, in any
                    // step of the command at hand, or in one of the next.
                    int target = (int) ((killPoints.size() + random.nextDouble()) * selectedIds.size()
                            / (size.kills() + 2));
                    await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(50))
                            .until(() -> Runs.resultsSoFar(stack, selectedIds) >= target);
                    Report.pause(Duration.ofMillis(random.nextInt(MAX_PAUSE_MS)));
                    // kill first, then count: a dead process makes no progress, so the counts are the ones at the kill
                    exits.add(invoicing.kill());
                    int done = Runs.resultsSoFar(stack, selectedIds);
                    long rowsLeft = stack.viewCount(universe.businessId(), null);
                    invoicing.start();
                    if (done == selectedIds.size()) {
                        break; // that kill came after the run: not one of its kill points
                    }
                    killPoints.add(done + "/" + rowsLeft);
                }
            });

            // Then
            InvoicingOutcome outcome = InvoicingOutcome.read(stack, commandIds);
            Report.line("process-kill", String.format("seed %d, %d bookings, %d commands; SIGKILL of a separate "
                    + "invoicing process: 1 while the view filled (%d view rows at the kill), %d during the run "
                    + "(results of %d selections / view rows left at each kill: %s); %d process starts, "
                    + "exit values %s; start to taking commands again after a kill: at most %.1f s; "
                    + "%s; %.0f s", seed, universe.bookings(), commands.size(), viewAtKill, killPoints.size(),
                    selectedIds.size(), killPoints, invoicing.starts(), exits, longest(restarts).toMillis() / 1e3,
                    outcome.summaryAgainst(clean), (System.nanoTime() - started) / 1e9));
            assertThat(exits).as("every process ended by SIGKILL").containsOnly(ChildJvm.KILLED_BY_SIGKILL);
            assertThat(killPoints).as("kills in the middle of the run (seed %d)", seed)
                    .hasSizeGreaterThanOrEqualTo(size.kills());
            outcome.assertSameAs(clean, universe.bookings());
            // A kill inside a command's transaction leaves it open; had the next process not fenced it at start-up,
            // it would have taken commands only once the broker aborted it, after the default transaction.timeout.ms.
            assertThat(longest(restarts)).as("every restart took commands before an orphaned transaction's timeout")
                    .isLessThan(Duration.ofSeconds(60));
            await().atMost(Runs.PATIENCE).until(() -> stack.viewCount(universe.businessId(), null) == 0);
        }
    }

    private static Duration longest(List<Duration> durations) {
        return durations.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Runs.awaitReadyView, failing with the seed and what the view holds. */
    private static void awaitReadyView(FaultStack stack, Universe universe, long seed) {
        try {
            Runs.awaitReadyView(stack, universe);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(String.format("seed %d: %d of %d bookings READY in the view (%d rows)", seed,
                    stack.viewCount(universe.businessId(), "READY"), universe.bookings(),
                    stack.viewCount(universe.businessId(), null)), e);
        }
    }
}
