package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.ResolveCorrection;
import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.InvoicedBookingChanged;
import dev.bookingsinvoicing.localstack.LocalStack;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Corrections and credit notes under crashes and re-delivery: after a business is invoiced, a quarter of its
 * appointments are cancelled and another quarter repriced (each change sent three times, the service crashed once
 * while it detects them); every correction is credited by a ResolveCorrection sent three times, while the service is
 * crashed again and again; then every appointment event and every command is sent three times more. Each changed
 * booking must be credited exactly once, by a credit note of its invoiced amount negated (worked out here from the
 * universe's prices); a repriced booking must be back in the view at its new price, a cancelled one not.
 */
@Tag("fault")
class CorrectionFaultTest {

    private static final int COPIES = 3;
    private static final BigDecimal RAISE = new BigDecimal("5.00");
    private final FaultSize size = FaultSize.current();

    @Test
    void everyChangedBookingIsCreditedOnceWhateverIsKilledOrReDelivered() {
        Universe universe = new Universe("corr", size.caseBookings() / 5);
        long seed = Long.getLong("faults.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        long started = System.nanoTime();

        try (FaultStack stack = FaultStack.start("corr")) {
            // Given an invoiced business
            Runs.seed(stack, universe);
            Runs.awaitReadyView(stack, universe);
            InvoiceBookings all = universe.invoiceAll();
            Runs.send(stack, List.of(all));
            Runs.awaitResults(stack, Set.of(all.getCommandId()), Runs.PATIENCE);

            // When a quarter of the appointments are cancelled and a quarter repriced, each change three times
            Map<String, BigDecimal> credit = new TreeMap<>(); // booking -> its credit note's total, by hand
            Map<String, BigDecimal> repriced = new TreeMap<>(); // booking -> its amount in the view afterwards
            List<Universe.Event> changes = new ArrayList<>();
            List<Universe.Event> appointments = universe.appointments();
            for (int a = 0; a < appointments.size(); a++) {
                AppointmentCompleted original = (AppointmentCompleted) appointments.get(a).value();
                Instant later = original.getOccurredAt().plus(Duration.ofHours(1));
                List<String> bookings = original.getAttendees().stream().map(at -> Keys.booking(
                        original.getBusinessId(), original.getAppointmentId(), at.getBookingsCustomerId())).toList();
                if (a % 4 == 1) {
                    changes.add(new Universe.Event(Topics.APPOINTMENTS, appointments.get(a).key(),
                            new AppointmentCancelled("cancel-" + original.getAppointmentId(), later,
                                    original.getBusinessId(), original.getAppointmentId())));
                } else if (a % 4 == 2) {
                    AppointmentCompleted dearer = AppointmentCompleted.newBuilder(original)
                            .setEventId(original.getEventId() + "-r2").setRevision("r2").setOccurredAt(later)
                            .setPrice(original.getPrice().add(RAISE)).build();
                    changes.add(new Universe.Event(Topics.APPOINTMENTS, appointments.get(a).key(), dearer));
                    bookings.forEach(b -> repriced.put(b, dearer.getPrice()));
                } else {
                    continue;
                }
                // fixed price: the invoiced line is 1 x the price, credited as its negation
                bookings.forEach(b -> credit.put(b, original.getPrice().negate()));
            }
            stack.publish(Runs.shuffledWithinKeys(changes, Universe.Event::key, COPIES, random));
            InvoicingCrashFaultTest.awaitConsuming(stack, "invoicing-view");
            Report.pause(Duration.ofMillis(random.nextInt(300)));
            stack.crashInvoicing();
            stack.stack.start(LocalStack.Service.INVOICING);
            await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> open(stack, universe).size() == credit.size());

            // and every correction is credited, each command three times, with the service killed during the credits
            List<ResolveCorrection> commands = new ArrayList<>();
            for (String correctionId : open(stack, universe)) {
                commands.add(ResolveCorrection.newBuilder().setCommandId("corr-credit-" + correctionId)
                        .setIssuedAt(Instant.parse("2026-01-06T08:00:00Z")).setIssuedBy("fault-suite")
                        .setCorrectionId(correctionId).setResolution("CREDIT").setReason("fault suite").build());
            }
            Set<String> commandIds = new HashSet<>();
            commands.forEach(c -> commandIds.add(c.getCommandId()));
            List<Universe.Event> sent = commands.stream().map(c -> new Universe.Event(Topics.INVOICING_COMMANDS,
                    c.getCommandId(), c)).toList();
            stack.publish(Runs.shuffledWithinKeys(sent, Universe.Event::key, COPIES, random));
            int kills = Math.max(3, size.kills() / 2);
            List<Integer> resultsAtKill = new ArrayList<>();
            while (resultsAtKill.size() < kills) {
                InvoicingCrashFaultTest.awaitConsuming(stack, "invoicing-commands");
                int target = (int) ((resultsAtKill.size() + random.nextDouble()) * (commandIds.size() - 3) / kills);
                await().atMost(Runs.PATIENCE).pollInterval(Duration.ofMillis(10))
                        .until(() -> Runs.resultsSoFar(stack, commandIds) >= target);
                Report.pause(Duration.ofMillis(random.nextInt(20)));
                stack.crashInvoicing();
                int done = Runs.resultsSoFar(stack, commandIds);
                stack.stack.start(LocalStack.Service.INVOICING);
                if (done == commandIds.size()) {
                    break;
                }
                resultsAtKill.add(done);
            }
            Map<String, String> results = Runs.awaitResults(stack, commandIds, Runs.PATIENCE);

            // and then every appointment event and every command arrives three more times
            List<Universe.Event> history = new ArrayList<>(appointments);
            history.addAll(changes);
            stack.publish(Runs.shuffledWithinKeys(history, Universe.Event::key, COPIES, random));
            stack.publish(Runs.shuffledWithinKeys(sent, Universe.Event::key, COPIES, random));
            Runs.awaitConsumed(stack, "invoicing-view", Topics.APPOINTMENTS);
            Runs.awaitConsumed(stack, "invoicing-commands", Topics.INVOICING_COMMANDS);

            // Then: each changed booking is credited exactly once, at its invoiced amount negated
            Map<String, Set<String>> notesOf = new HashMap<>();
            Map<String, String> contentOf = new HashMap<>();
            Set<String> conflicting = new HashSet<>();
            Set<String> corrections = new HashSet<>();
            Map<String, BigDecimal> credited = new TreeMap<>();
            for (ConsumerRecord<String, byte[]> record : stack.readAll(Topics.INVOICES)) {
                Object value = InvoicingOutcome.decoded(record.value());
                if (value instanceof InvoicedBookingChanged change
                        && change.getBusinessId().equals(universe.businessId())) {
                    corrections.add(change.getCorrectionId());
                }
                if (value instanceof DraftCreditNoteCreated note
                        && note.getLines().get(0).getBusinessId().equals(universe.businessId())) {
                    String booking = note.getLines().get(0).getBookingId();
                    notesOf.computeIfAbsent(booking, b -> new HashSet<>()).add(note.getCreditNoteId());
                    String before = contentOf.putIfAbsent(note.getCreditNoteId(), note.toString());
                    if (before != null && !before.equals(note.toString())) {
                        conflicting.add(note.getCreditNoteId());
                    }
                    credited.put(booking, note.getTotalAmount().stripTrailingZeros());
                }
            }
            long creditedTwice = notesOf.values().stream().filter(ids -> ids.size() > 1).count();
            Set<String> lost = new HashSet<>(credit.keySet());
            lost.removeAll(notesOf.keySet());
            Set<String> extra = new HashSet<>(notesOf.keySet());
            extra.removeAll(credit.keySet());
            Map<String, BigDecimal> expected = new TreeMap<>();
            credit.forEach((booking, amount) -> expected.put(booking, amount.stripTrailingZeros()));
            Map<String, BigDecimal> inView = new TreeMap<>();
            for (Document row : stack.invoicingDatabase().getCollection(FaultStack.VIEW)
                    .find(new Document("businessId", universe.businessId()))) {
                inView.put(row.getString("_id"), new BigDecimal(row.get("amount").toString()).stripTrailingZeros());
            }
            Map<String, BigDecimal> expectedInView = new TreeMap<>();
            repriced.forEach((booking, price) -> expectedInView.put(booking, price.stripTrailingZeros()));
            Report.line("corrections", String.format("seed %d, %d bookings invoiced, %d changed (%d cancelled, %d "
                    + "repriced) each change sent %d times, 1 kill while the corrections were detected; %d corrections "
                    + "credited by %d commands sent %d times, %d kills during the credits (results at kill: %s); every "
                    + "record %d times more; credited twice: %d, lost: %d, extra: %d, conflicting re-publications: %d; "
                    + "corrections published: %d; back in the view at the new price: %d of %d; %.0f s", seed,
                    universe.bookings(), credit.size(), credit.size() - repriced.size(), repriced.size(), COPIES,
                    commands.size(), commands.size(), COPIES, resultsAtKill.size(), resultsAtKill, COPIES,
                    creditedTwice, lost.size(), extra.size(), conflicting.size(), corrections.size(),
                    inView.size(), repriced.size(), (System.nanoTime() - started) / 1e9));
            assertThat(creditedTwice).as("bookings credited twice").isZero();
            assertThat(lost).as("changed bookings never credited").isEmpty();
            assertThat(extra).as("credit notes of bookings that did not change").isEmpty();
            assertThat(conflicting).as("one credit note id published with different content").isEmpty();
            assertThat(credited).isEqualTo(expected);
            assertThat(corrections).as("one correction per changed booking").hasSize(credit.size());
            assertThat(results.values()).as("every credit completed").allMatch(r -> r.startsWith("COMPLETED"));
            assertThat(open(stack, universe)).as("corrections still open after the re-delivery").isEmpty();
            assertThat(inView).isEqualTo(expectedInView);
        }
    }

    /** The ids of the business's open corrections, read from the service's database. */
    private static List<String> open(FaultStack stack, Universe universe) {
        List<String> ids = new ArrayList<>();
        stack.invoicingDatabase().getCollection("corrections")
                .find(new Document("businessId", universe.businessId()).append("status", "OPEN"))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }
}
