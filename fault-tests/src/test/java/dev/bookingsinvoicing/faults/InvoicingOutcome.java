package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * What an invoicing run produced, as the rest of the world sees it on Kafka: the distinct draft invoices (by id)
 * of a set of commands, each reduced to what must not change between a clean and a faulty run, and every booking's
 * invoices.
 *
 * @param invoices       invoice id -> customer, currency, total and lines (booking, item, quantity, price, amount)
 * @param invoicesOf     booking id -> the distinct invoice ids it is on
 * @param conflicting    invoice ids published twice with different content
 * @param results        command id -> "COMPLETED n" or "REJECTED reason"
 */
record InvoicingOutcome(Map<String, String> invoices, Map<String, Set<String>> invoicesOf, Set<String> conflicting,
        Map<String, String> results) {

    /** Reads the invoices and results of these commands (call after every command has a result). */
    static InvoicingOutcome read(FaultStack stack, Collection<String> commandIds) {
        Set<String> commands = new HashSet<>(commandIds);
        Map<String, String> invoices = new TreeMap<>();
        Map<String, Set<String>> invoicesOf = new TreeMap<>();
        Set<String> conflicting = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : stack.readAll(Topics.INVOICES)) {
            if (!(decoded(record.value()) instanceof DraftInvoiceCreated invoice)
                    || !commands.contains(invoice.getCommandId())) {
                continue;
            }
            String content = content(invoice);
            String before = invoices.putIfAbsent(invoice.getInvoiceId(), content);
            if (before != null && !before.equals(content)) {
                conflicting.add(invoice.getInvoiceId());
            }
            invoice.getLines().forEach(line -> invoicesOf.computeIfAbsent(line.getBookingId(), b -> new HashSet<>())
                    .add(invoice.getInvoiceId()));
        }
        return new InvoicingOutcome(invoices, invoicesOf, conflicting, results(stack, commands));
    }

    static Map<String, String> results(FaultStack stack, Set<String> commands) {
        Map<String, String> results = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : stack.readAll(Topics.COMMAND_RESULTS)) {
            Object value = decoded(record.value());
            if (value instanceof CommandCompleted done && commands.contains(done.getCommandId())) {
                results.put(done.getCommandId(), "COMPLETED " + done.getBookingsInvoiced() + " invoiced, "
                        + done.getInvoiceIds().size() + " invoice(s)");
            } else if (value instanceof CommandRejected rejected && commands.contains(rejected.getCommandId())) {
                results.put(rejected.getCommandId(), "REJECTED " + rejected.getReason());
            }
        }
        return results;
    }

    /** Null for a record this project cannot decode (another case's poison). */
    static Object decoded(byte[] value) {
        try {
            return EventSchemas.get().decode(value);
        } catch (RuntimeException poison) {
            return null;
        }
    }

    private static String content(DraftInvoiceCreated invoice) {
        List<String> lines = new ArrayList<>();
        for (InvoiceLine line : invoice.getLines()) {
            lines.add(line.getLineNo() + ":" + line.getBookingId() + ":" + line.getItemNo() + ":" + line.getDescription()
                    + ":" + line.getQuantity().stripTrailingZeros().toPlainString() + "x"
                    + line.getUnitPrice().toPlainString() + "=" + line.getAmount().toPlainString());
        }
        return invoice.getCommandId() + " " + invoice.getCustomerNo() + " " + invoice.getCurrency() + " "
                + invoice.getTotalAmount().toPlainString() + " " + lines;
    }

    /** Bookings on more than one distinct invoice. */
    long invoicedTwice() {
        return invoicesOf.values().stream().filter(ids -> ids.size() > 1).count();
    }

    /** Bookings the clean run invoiced that this run did not. */
    Set<String> lostAgainst(InvoicingOutcome clean) {
        Set<String> lost = new HashSet<>(clean.invoicesOf.keySet());
        lost.removeAll(invoicesOf.keySet());
        return lost;
    }

    /** Bookings this run invoiced that the clean run did not. */
    Set<String> extraAgainst(InvoicingOutcome clean) {
        Set<String> extra = new HashSet<>(invoicesOf.keySet());
        extra.removeAll(clean.invoicesOf.keySet());
        return extra;
    }

    /** Invoice ids of either run whose content differs (missing on one side counts). */
    Set<String> differentInvoicesFrom(InvoicingOutcome clean) {
        Set<String> ids = new HashSet<>(invoices.keySet());
        ids.addAll(clean.invoices.keySet());
        ids.removeIf(id -> invoices.get(id) != null && invoices.get(id).equals(clean.invoices.get(id)));
        return ids;
    }

    /**
     * Every booking of the run invoiced exactly once, on the clean run's invoices (ids, lines, content), with the
     * clean run's command results: what a fault case that kills the invoicing service must end with.
     */
    void assertSameAs(InvoicingOutcome clean, int bookings) {
        assertThat(invoicedTwice()).as("bookings invoiced twice").isZero();
        assertThat(lostAgainst(clean)).as("bookings lost").isEmpty();
        assertThat(extraAgainst(clean)).as("bookings the clean run did not invoice").isEmpty();
        assertThat(differentInvoicesFrom(clean)).as("invoices unlike the clean run's").isEmpty();
        assertThat(conflicting()).as("one invoice id published with different content").isEmpty();
        assertThat(results()).isEqualTo(clean.results());
        assertThat(invoicesOf()).hasSize(bookings);
    }

    /** One line for the log and docs/reliability.md. */
    String summaryAgainst(InvoicingOutcome clean) {
        return String.format("bookings invoiced: %d (clean run %d), invoices: %d (clean %d), invoiced twice: %d, "
                + "lost: %d, extra: %d, invoices differing from the clean run: %d, conflicting re-publications: %d",
                invoicesOf.size(), clean.invoicesOf.size(), invoices.size(), clean.invoices.size(), invoicedTwice(),
                lostAgainst(clean).size(), extraAgainst(clean).size(), differentInvoicesFrom(clean).size(),
                conflicting.size()) + (differentInvoicesFrom(clean).isEmpty() ? "" : differenceSample(clean, 3));
    }

    /** A few differing invoices side by side, to see what differs. */
    String differenceSample(InvoicingOutcome clean, int count) {
        StringBuilder sample = new StringBuilder();
        differentInvoicesFrom(clean).stream().sorted().limit(count).forEach(id -> sample.append("\n  ").append(id)
                .append("\n    clean: ").append(clean.invoices.get(id)).append("\n    this:  ").append(invoices.get(id)));
        return sample.toString();
    }

    static Map<String, Integer> countBy(Map<String, String> results) {
        Map<String, Integer> counts = new HashMap<>();
        results.values().forEach(r -> counts.merge(r.split(" ")[0], 1, Integer::sum));
        return counts;
    }
}
