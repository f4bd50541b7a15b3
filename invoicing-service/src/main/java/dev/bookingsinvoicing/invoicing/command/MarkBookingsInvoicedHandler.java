package dev.bookingsinvoicing.invoicing.command;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.InvoicingProperties;
import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingRow;

/**
 * Business Central's "Mark as Invoiced": the bookings leave the view without an invoice, recorded with who and why.
 *
 * <p>Never twice, never half: the command is validated against the view (every booking known, none invoiced or
 * marked already) and the accepted decision is stored ({@link CommandDecision}) before anything changes. Each
 * booking is then claimed exactly like an invoiced one ({@code booking_claims}, {@code _id} = booking id, no
 * invoice id, marked by and reason), so no InvoiceBookings can ever take it, and its row leaves the view. A retry
 * after a crash re-applies the stored decision: its own claims count as its own, the row deletes are idempotent,
 * and the result (stored last) carries the decision's time, so every attempt answers identically. A booking that
 * another command claimed between validation and claim (a race, not a validation failure) is reported as skipped.
 * Marks are never released: only DeleteDraftInvoice removes claims, and only those naming its invoice.
 */
@Component
public class MarkBookingsInvoicedHandler {

    public static final String TYPE = "MarkBookingsInvoiced";

    /** The command as the domain sees it. */
    public record Command(String commandId, String issuedBy, List<String> bookingIds, String reason) {
    }

    private final CommandResults results;
    private final BookingClaims claims;
    private final InvoicingProperties properties;

    public MarkBookingsInvoicedHandler(CommandResults results, BookingClaims claims, InvoicingProperties properties) {
        this.results = results;
        this.claims = claims;
        this.properties = properties;
    }

    public void handle(Command command) {
        Optional<CommandResult> done = results.find(command.commandId());
        if (done.isPresent()) {
            results.publish(done.get());
            return;
        }
        String summary = "mark " + CommandResults.describe(command.bookingIds()) + " as invoiced: "
                + command.reason();
        CommandDecision decision = results.decision(command.commandId()).orElse(null);
        if (decision == null) {
            Optional<String> rejection = rejectionOf(command);
            if (rejection.isPresent()) {
                results.reject(command.commandId(), TYPE, command.issuedBy(), summary, rejection.get(),
                        CommandResult.businessesOf(command.bookingIds()));
                return;
            }
            List<SkippedBooking> refused = refusedBookings(command);
            if (!refused.isEmpty()) {
                results.reject(command.commandId(), TYPE, command.issuedBy(), summary, Validation.problems(refused
                        .stream().map(r -> r.bookingId() + " " + r.reason()).toList()).orElseThrow(),
                        CommandResult.businessesOf(command.bookingIds()), refused);
                return;
            }
            decision = results.decide(command.commandId(), () -> new CommandDecision(command.commandId(), TYPE,
                    command.bookingIds().stream().distinct().toList(), results.now()));
        }
        results.reached(command.commandId(), CommandSteps.PLANNED);
        Date at = Date.from(decision.decidedAt());
        List<Document> toClaim = decision.bookingIds().stream().map(id -> new Document("_id", id)
                .append("commandId", command.commandId()).append("invoiceId", null).append("claimedAt", at)
                .append("markedBy", command.issuedBy()).append("reason", command.reason())).toList();
        Map<String, BookingClaim> lost = claims.claim(command.commandId(), toClaim);
        results.reached(command.commandId(), CommandSteps.CLAIMED);
        List<String> marked = decision.bookingIds().stream().filter(id -> !lost.containsKey(id)).toList();
        claims.removeRows(marked);
        List<SkippedBooking> skipped = lost.values().stream().map(SkippedBooking::claimed).toList();
        results.finish(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary, List.of(),
                marked.size(), skipped, marked, decision.decidedAt(), List.of()));
    }

    Optional<String> rejectionOf(Command command) {
        Optional<String> basic = Validation.selection(command.commandId(), command.bookingIds(),
                properties.maxSelection());
        if (basic.isPresent()) {
            return basic;
        }
        if (command.issuedBy() == null || command.issuedBy().isBlank()) {
            return Optional.of("issuedBy is required: a mark records who");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            return Optional.of("reason is required: a mark records why");
        }
        return Optional.empty();
    }

    /** Each named booking that cannot be marked: invoiced or marked already (its claim says), or unknown. */
    List<SkippedBooking> refusedBookings(Command command) {
        List<String> ids = command.bookingIds().stream().distinct().toList();
        Map<String, BookingClaim> claimed = claims.claimsOf(ids);
        Map<String, BookingRow> rows = claims.rowsOf(ids);
        List<SkippedBooking> refused = new ArrayList<>();
        for (String id : ids) {
            BookingClaim claim = claimed.get(id);
            if (claim != null) {
                refused.add(SkippedBooking.claimed(claim));
            } else if (!rows.containsKey(id)) {
                refused.add(SkippedBooking.notFound(id));
            }
        }
        return refused;
    }
}
