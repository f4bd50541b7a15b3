package dev.bookingsinvoicing.invoicing.correction;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.command.CommandHandler;
import dev.bookingsinvoicing.invoicing.command.CommandResult;
import dev.bookingsinvoicing.invoicing.command.CommandSteps;
import dev.bookingsinvoicing.invoicing.command.InvoiceEvent;
import dev.bookingsinvoicing.invoicing.command.IssuedCommand;
import dev.bookingsinvoicing.invoicing.view.BookingClaims;
import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedProjection;

/**
 * ResolveCorrection: CREDIT creates a draft credit note for the invoiced line (DraftCreditNoteCreated), releases the
 * booking from its invoice and brings it back into the view if it is still billable (a cancelled booking, or an
 * attendee no longer on the appointment, does not come back); ACCEPT keeps the invoice as it is. Both resolve the
 * correction.
 *
 * <p>Why a correction is never credited twice: leaving OPEN is the decision, a conditional update that only one
 * command can make ({@link CorrectionStore#resolve}); a retry of that command (after a crash anywhere) finds the
 * correction resolved by itself ({@link #decided}) and repeats the same idempotent steps; any other command is
 * refused, saying how it was resolved. The credit note's id is derived from the invoice and the booking, so even two
 * corrections of one line credited by racing commands make one credit note: the later command finds the line
 * credited and is answered with a rejection. A CREDIT is refused while the booking is no longer on the invoice.
 */
@Component
public class ResolveCorrectionHandler implements CommandHandler<ResolveCorrectionHandler.Command> {

    public static final String TYPE = "ResolveCorrection";

    /** How an operator resolves a correction. */
    public enum Resolution {
        CREDIT, ACCEPT
    }

    /** The command as the domain sees it; {@code resolution} as sent (CREDIT or ACCEPT, checked by the handler). */
    public record Command(String commandId, String issuedBy, String correctionId, String resolution, String reason)
            implements IssuedCommand {

        Resolution parsed() {
            return Resolution.valueOf(resolution.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final CorrectionStore store;
    private final BookingClaims claims;
    private final BookingsNotInvoicedProjection projection;
    private final Clock clock;

    public ResolveCorrectionHandler(CorrectionStore store, BookingClaims claims,
            BookingsNotInvoicedProjection projection, Clock clock) {
        this.store = store;
        this.claims = claims;
        this.projection = projection;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String summary(Command command) {
        return (command.resolution() == null ? "resolve" : command.resolution().trim().toLowerCase(Locale.ROOT))
                + " correction " + command.correctionId();
    }

    @Override
    public Collection<String> businessesNamed(Command command) {
        return store.find(command.correctionId()).map(c -> List.of(c.businessId())).orElse(List.of());
    }

    /** A correction this very command resolved (an earlier attempt): carried out again as decided. */
    @Override
    public boolean decided(Command command) {
        return store.find(command.correctionId()).map(c -> command.commandId().equals(c.resolvedByCommand()))
                .orElse(false);
    }

    @Override
    public Optional<Refusal> refusal(Command command) {
        if (command.commandId() == null || command.commandId().isBlank()) {
            return refuse("commandId is required");
        }
        if (command.correctionId() == null || command.correctionId().isBlank()) {
            return refuse("correctionId is required");
        }
        if (command.resolution() == null || List.of("CREDIT", "ACCEPT")
                .stream().noneMatch(r -> r.equalsIgnoreCase(command.resolution().trim()))) {
            return refuse("resolution must be CREDIT or ACCEPT, not " + command.resolution());
        }
        Optional<Correction> found = store.find(command.correctionId());
        if (found.isEmpty()) {
            return refuse("unknown correction " + command.correctionId());
        }
        Correction correction = found.get();
        if (correction.status() != Correction.Status.OPEN) {
            return refuse("correction " + correction.id() + " is " + correction.describeResolution());
        }
        if (command.parsed() == Resolution.CREDIT && !onInvoice(correction)) {
            return refuse("booking " + correction.bookingId() + " is no longer on draft invoice "
                    + correction.invoiceId() + ": its line was credited already");
        }
        return Optional.empty();
    }

    @Override
    public CarriedOut carryOut(Command command, Progress progress) {
        Resolution resolution = command.parsed();
        Correction correction = store.resolve(command.correctionId(),
                resolution == Resolution.CREDIT ? Correction.Status.CREDITED : Correction.Status.ACCEPTED,
                command.commandId(), command.issuedBy(), command.reason(), clock.instant());
        if (!command.commandId().equals(correction.resolvedByCommand())) {
            return rejected(command, "correction " + correction.id() + " is " + correction.describeResolution());
        }
        progress.reached(CommandSteps.PLANNED);
        CreditNote note = null;
        if (resolution == Resolution.CREDIT) {
            note = store.record(new CreditNote(
                    CorrectionRules.creditNoteId(correction.invoiceId(), correction.bookingId()), correction.id(),
                    command.commandId(), correction.invoiceId(), correction.customerNo(), correction.customerName(),
                    correction.currency(), correction.bookingId(), correction.invoiced(), correction.resolvedAt(),
                    command.reason()));
            if (!note.correctionId().equals(correction.id())) {
                store.supersede(correction.id(), note.correctionId());
                return rejected(command, "the line of booking " + correction.bookingId() + " on draft invoice "
                        + correction.invoiceId() + " was credited already, by correction " + note.correctionId()
                        + " (credit note " + note.id() + ")");
            }
            progress.reached(CommandSteps.INVOICES_STORED);
            claims.release(correction.invoiceId(), List.of(correction.bookingId()));
            progress.reached(CommandSteps.CLAIMED);
            projection.restore(List.of(correction.bookingId()));
        }
        return new CarriedOut(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(),
                summary(command), note == null ? List.of() : List.of(note.id()), 0, List.of(),
                List.of(correction.bookingId()), correction.resolvedAt(), List.of(correction.businessId())),
                note == null ? List.of() : List.of(note));
    }

    /** A credited correction announces its credit note again (same event id and time). */
    @Override
    public List<InvoiceEvent> republished(Command command, CommandResult result) {
        if (result.outcome() != CommandResult.Outcome.COMPLETED || result.invoiceIds().isEmpty()) {
            return List.of();
        }
        return store.creditNote(result.invoiceIds().get(0)).<List<InvoiceEvent>>map(List::of).orElse(List.of());
    }

    private boolean onInvoice(Correction correction) {
        return claims.claimsOf(List.of(correction.bookingId())).values().stream()
                .anyMatch(c -> correction.invoiceId().equals(c.invoiceId()));
    }

    private CarriedOut rejected(Command command, String reason) {
        return new CarriedOut(CommandResult.rejected(command.commandId(), TYPE, command.issuedBy(), summary(command),
                reason, clock.instant(), businessesNamed(command), List.of()), List.of());
    }

    private static Optional<Refusal> refuse(String reason) {
        return Optional.of(new Refusal(reason, List.of()));
    }
}
