package dev.bookingsinvoicing.invoicing.command;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.view.BookingClaims;
import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedProjection;

/**
 * DeleteDraftInvoice: the draft invoice goes, its bookings are released and come back into the view (the
 * projection rebuilds them from the stored appointments, in-process, before the result), and DraftInvoiceDeleted
 * is published.
 *
 * <p>Why this keeps "never twice": the tombstone ({@link DeletedInvoice}, {@code _id} = invoiceId) is inserted
 * first and is the decision; a retry or a second delete command finds it and repeats the same idempotent steps.
 * Claims are removed only where they still name this invoice ({@code {_id: {$in: ids}, invoiceId}}), so a booking
 * released and claimed since by another command is never released twice. Only invoices of completed commands may
 * be deleted: while InvoiceBookings is still being carried out (no stored result) a retry of it would recreate the
 * invoice, so such a delete is rejected; once its result is stored, a re-delivered InvoiceBookings only re-publishes
 * and skips the deleted invoice. A booking released here may be invoiced again, on a new invoice with a new id,
 * exactly once more. Open corrections of the invoice are resolved with it ({@link DraftInvoiceDeletedHook}).
 */
@Component
public class DeleteDraftInvoiceHandler implements CommandHandler<DeleteDraftInvoiceHandler.Command> {

    public static final String TYPE = "DeleteDraftInvoice";

    /** The command as the domain sees it. */
    public record Command(String commandId, String issuedBy, String invoiceId) implements IssuedCommand {
    }

    private final CommandResultStore results;
    private final DraftInvoiceStore invoices;
    private final BookingClaims claims;
    private final BookingsNotInvoicedProjection projection;
    private final Clock clock;
    private final ObjectProvider<DraftInvoiceDeletedHook> hooks;

    public DeleteDraftInvoiceHandler(CommandResultStore results, DraftInvoiceStore invoices, BookingClaims claims,
            BookingsNotInvoicedProjection projection, Clock clock, ObjectProvider<DraftInvoiceDeletedHook> hooks) {
        this.results = results;
        this.invoices = invoices;
        this.claims = claims;
        this.projection = projection;
        this.clock = clock;
        this.hooks = hooks;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String summary(Command command) {
        return "delete draft invoice " + command.invoiceId();
    }

    /** Names no business: an invoice that cannot be deleted has nothing to show; a deleted one, its bookings'. */
    @Override
    public Collection<String> businessesNamed(Command command) {
        return List.of();
    }

    /** The tombstone is the decision: a second delete of the same invoice (any command id) repeats the first. */
    @Override
    public boolean decided(Command command) {
        return invoices.tombstone(command.invoiceId()).isPresent();
    }

    @Override
    public Optional<Refusal> refusal(Command command) {
        if (command.commandId() == null || command.commandId().isBlank()) {
            return Optional.of(Refusal.of("commandId is required"));
        }
        if (command.invoiceId() == null || command.invoiceId().isBlank()) {
            return Optional.of(Refusal.of("invoiceId is required"));
        }
        Optional<DraftInvoice> invoice = invoices.find(command.invoiceId());
        if (invoice.isEmpty()) {
            return Optional.of(Refusal.of("unknown draft invoice " + command.invoiceId()));
        }
        if (results.find(invoice.get().commandId()).isEmpty()) {
            return Optional.of(Refusal.of("draft invoice " + invoice.get().id() + " is still being created by command "
                    + invoice.get().commandId() + "; try again when it has completed"));
        }
        return Optional.empty();
    }

    @Override
    public CarriedOut carryOut(Command command, Progress progress) {
        DeletedInvoice deleted = invoices.tombstone(command.invoiceId()).orElseGet(() -> {
            DraftInvoice invoice = invoices.find(command.invoiceId()).orElseThrow();
            return invoices.bury(new DeletedInvoice(invoice.id(), command.commandId(), invoice.commandId(),
                    invoice.customerNo(), invoice.lines().stream().map(InvoiceLine::bookingId).toList(),
                    command.issuedBy(), clock.instant()));
        });
        progress.reached(CommandSteps.PLANNED);
        claims.release(deleted.id(), deleted.bookingIds());
        progress.reached(CommandSteps.CLAIMED);
        projection.restore(deleted.bookingIds());
        hooks.orderedStream().forEach(hook -> hook.deleted(deleted, command.commandId()));
        invoices.delete(deleted.id());
        return new CarriedOut(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary(command),
                List.of(deleted.id()), 0, List.of(), deleted.bookingIds(), deleted.deletedAt(), List.of()),
                List.of(deleted));
    }

    /** A completed delete announces its DraftInvoiceDeleted again (same event id and time). */
    @Override
    public List<InvoiceEvent> republished(Command command, CommandResult result) {
        return result.outcome() == CommandResult.Outcome.COMPLETED
                ? invoices.tombstone(command.invoiceId()).<List<InvoiceEvent>>map(List::of).orElse(List.of())
                : List.of();
    }
}
