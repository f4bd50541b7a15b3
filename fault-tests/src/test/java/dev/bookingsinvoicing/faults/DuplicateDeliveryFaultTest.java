package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Every event and every command arrives three times (sent, then re-sent twice), shuffled across keys but in order
 * within a key, and every event arrives three more times after the bookings were invoiced: the invoices are the
 * clean run's, nobody is invoiced twice, and invoiced bookings do not come back into the view.
 */
@Tag("fault")
class DuplicateDeliveryFaultTest {

    private static final int COPIES = 3;
    private final FaultSize size = FaultSize.current();

    @Test
    void everyEventAndCommandThreeTimesInShuffledOrderChangesNothing() {
        Universe universe = new Universe("dup", size.caseBookings());
        List<InvoiceBookings> commands = universe.commands(Math.max(50, size.caseBookings() / 10));
        Set<String> commandIds = Runs.ids(commands);
        InvoicingOutcome clean = Runs.clean(universe, commands);
        long seed = Long.getLong("faults.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        long started = System.nanoTime();

        try (FaultStack stack = FaultStack.start("dup")) {
            List<Universe.Event> events = new ArrayList<>(universe.registrations());
            events.addAll(universe.appointments());
            List<Universe.Event> shuffled = Runs.shuffledWithinKeys(events, e -> e.topic() + "|" + e.key(), COPIES,
                    random);
            stack.publish(shuffled);
            Runs.awaitReadyView(stack, universe);
            Map<String, Map<String, String>> totalsBefore = stack.totalsKeptAndCounted();

            List<InvoiceBookings> selected = commands.subList(0, commands.size() - 1);
            Runs.send(stack, Runs.shuffledWithinKeys(selected, InvoiceBookings::getCommandId, COPIES, random));
            Runs.awaitResults(stack, Runs.ids(selected), Runs.PATIENCE);
            InvoiceBookings all = commands.get(commands.size() - 1);
            Runs.send(stack, List.of(all, all, all));
            Runs.awaitResults(stack, commandIds, Runs.PATIENCE);

            // the whole history again, after invoicing
            stack.publish(Runs.shuffledWithinKeys(events, e -> e.topic() + "|" + e.key(), COPIES, random));
            Runs.awaitConsumed(stack, "invoicing-view", Topics.APPOINTMENTS, Topics.CUSTOMER_REGISTRATIONS,
                    Topics.ITEM_REGISTRATIONS);
            long backInView = stack.viewCount(universe.businessId(), null);
            InvoiceBookings again = universe.invoice("dup-after-replay", InvoiceScope.ALL, List.of());
            Runs.send(stack, List.of(again, again));
            String againResult = Runs.awaitResults(stack, Set.of("dup-after-replay"), Runs.PATIENCE)
                    .get("dup-after-replay");

            Map<String, Map<String, String>> totalsAfter = stack.totalsKeptAndCounted();
            InvoicingOutcome outcome = InvoicingOutcome.read(stack, commandIds);
            InvoicingOutcome afterReplay = InvoicingOutcome.read(stack, Set.of("dup-after-replay"));
            Report.line("duplicates", String.format("seed %d, %d events and %d commands each sent %d times "
                    + "(%d + %d records), events %d times again after invoicing; %s; bookings back in the view after "
                    + "the replay: %d; invoice-all after the replay: %s, %d booking(s) on new invoices; %.0f s",
                    seed, events.size(), commands.size(), COPIES, shuffled.size(), commands.size() * COPIES, COPIES,
                    outcome.summaryAgainst(clean), backInView, againResult, afterReplay.invoicesOf().size(),
                    (System.nanoTime() - started) / 1e9));
            assertThat(outcome.invoicedTwice()).as("bookings invoiced twice").isZero();
            assertThat(outcome.lostAgainst(clean)).as("bookings lost").isEmpty();
            assertThat(outcome.extraAgainst(clean)).isEmpty();
            assertThat(outcome.differentInvoicesFrom(clean)).as("invoices unlike the clean run's").isEmpty();
            assertThat(outcome.conflicting()).isEmpty();
            assertThat(outcome.results()).isEqualTo(clean.results());
            assertThat(afterReplay.invoicesOf()).as("bookings invoiced again after the replay").isEmpty();
            assertThat(againResult).startsWith("COMPLETED 0 invoiced");
            assertThat(backInView).as("invoiced bookings back in the not-invoiced view after a replay").isZero();
            assertThat(totalsBefore.get("kept")).as("totals kept per customer, view full").isNotEmpty()
                    .isEqualTo(totalsBefore.get("counted"));
            assertThat(totalsAfter.get("kept")).as("totals kept per customer after invoicing and the replay")
                    .isEqualTo(totalsAfter.get("counted"));
        }
    }
}
