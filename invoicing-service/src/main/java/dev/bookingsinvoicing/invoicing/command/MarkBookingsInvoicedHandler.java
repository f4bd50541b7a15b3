package dev.bookingsinvoicing.invoicing.command;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.view.BookingClaim;
import dev.bookingsinvoicing.invoicing.view.BookingClaims;
import dev.bookingsinvoicing.invoicing.view.BookingRowStore;

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
public class MarkBookingsInvoicedHandler implements CommandHandler<MarkBookingsInvoicedHandler.Command> {

    public static final String TYPE = "MarkBookingsInvoiced";

    /** The command as the domain sees it. */
    public record Command(String commandId, String issuedBy, List<String> bookingIds, String reason)
            implements IssuedCommand {
    }

    private final CommandResultStore results;
    private final BookingClaims claims;
    private final BookingRowStore rows;
    private final CommandValidator validator;
    private final Clock clock;

    public MarkBookingsInvoicedHandler(CommandResultStore results, BookingClaims claims, BookingRowStore rows,
            CommandValidator validator, Clock clock) {
        this.results = results;
        this.claims = claims;
        this.rows = rows;
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String summary(Command command) {
        return "mark " + CommandResult.describe(command.bookingIds()) + " as invoiced: " + command.reason();
    }

    @Override
    public Collection<String> businessesNamed(Command command) {
        return CommandResult.businessesOf(command.bookingIds());
    }

    /** Refused when malformed, or when any booking is unknown, invoiced or marked already (each named). */
    @Override
    public Optional<Refusal> refusal(Command command) {
        Optional<String> basic = validator.selectionRejectionOf(command.commandId(), command.bookingIds());
        if (basic.isPresent()) {
            return basic.map(Refusal::of);
        }
        if (command.issuedBy() == null || command.issuedBy().isBlank()) {
            return Optional.of(Refusal.of("issuedBy is required: a mark records who"));
        }
        if (command.reason() == null || command.reason().isBlank()) {
            return Optional.of(Refusal.of("reason is required: a mark records why"));
        }
        List<SkippedBooking> refused = refusedBookings(command);
        return refused.isEmpty() ? Optional.empty() : Optional.of(new Refusal(Validation.problems(refused.stream()
                .map(r -> r.bookingId() + " " + r.reason()).toList()).orElseThrow(), refused));
    }

    @Override
    public CarriedOut carryOut(Command command, Progress progress) {
        CommandDecision decision = results.decide(command.commandId(), () -> new CommandDecision(command.commandId(),
                TYPE, command.bookingIds().stream().distinct().toList(), clock.instant()));
        progress.reached(CommandSteps.PLANNED);
        List<BookingClaim> marks = decision.bookingIds().stream().map(id -> new BookingClaim(id, command.commandId(),
                null, decision.decidedAt(), command.issuedBy(), command.reason())).toList();
        Map<String, BookingClaim> lost = claims.claim(command.commandId(), marks);
        progress.reached(CommandSteps.CLAIMED);
        List<String> marked = decision.bookingIds().stream().filter(id -> !lost.containsKey(id)).toList();
        List<SkippedBooking> skipped = lost.values().stream().map(SkippedBooking::claimed).toList();
        return CarriedOut.of(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary(command),
                List.of(), marked.size(), skipped, marked, decision.decidedAt(), List.of()));
    }

    /** Each named booking that cannot be marked: invoiced or marked already (its claim says), or unknown. */
    List<SkippedBooking> refusedBookings(Command command) {
        List<String> ids = command.bookingIds().stream().distinct().toList();
        Map<String, BookingClaim> claimed = claims.claimsOf(ids);
        Set<String> inView = rows.byId(ids).keySet();
        List<SkippedBooking> refused = new ArrayList<>();
        for (String id : ids) {
            BookingClaim claim = claimed.get(id);
            if (claim != null) {
                refused.add(SkippedBooking.claimed(claim));
            } else if (!inView.contains(id)) {
                refused.add(SkippedBooking.notFound(id));
            }
        }
        return refused;
    }
}
