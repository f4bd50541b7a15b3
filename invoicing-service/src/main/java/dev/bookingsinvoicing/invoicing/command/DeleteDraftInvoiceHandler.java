package dev.bookingsinvoicing.invoicing.command;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * DeleteDraftInvoice: the draft invoice goes, its bookings are released and come back into the view (the view
 * rebuilds them when it reads DraftInvoiceDeleted), and DraftInvoiceDeleted is published.
 *
 * <p>Why this keeps "never twice": the tombstone ({@link DeletedInvoice}, {@code _id} = invoiceId) is inserted
 * first and is the decision; a retry or a second delete command finds it and repeats the same idempotent steps.
 * Claims are removed only where they still name this invoice ({@code {_id: {$in: ids}, invoiceId}}), so a booking
 * released and claimed since by another command is never released twice. Only invoices of completed commands may
 * be deleted: while InvoiceBookings is still being carried out (no stored result) a retry of it would recreate the
 * invoice, so such a delete is rejected; once its result is stored, a re-delivered InvoiceBookings only re-publishes
 * and skips the deleted invoice. A booking released here may be invoiced again, on a new invoice with a new id,
 * exactly once more.
 */
@Component
public class DeleteDraftInvoiceHandler {

    public static final String TYPE = "DeleteDraftInvoice";

    /** The command as the domain sees it. */
    public record Command(String commandId, String issuedBy, String invoiceId) {
    }

    private final CommandResults results;
    private final BookingClaims claims;
    private final MongoTemplate mongo;

    public DeleteDraftInvoiceHandler(CommandResults results, BookingClaims claims, MongoTemplate mongo) {
        this.results = results;
        this.claims = claims;
        this.mongo = mongo;
    }

    public void handle(Command command) {
        Optional<CommandResult> done = results.find(command.commandId());
        if (done.isPresent()) {
            CommandResult result = done.get();
            if (result.outcome() == CommandResult.Outcome.COMPLETED) {
                DeletedInvoice deleted = mongo.findById(command.invoiceId(), DeletedInvoice.class);
                if (deleted != null) {
                    results.publish(deleted);
                }
            }
            results.publish(result);
            return;
        }
        String summary = "delete draft invoice " + command.invoiceId();
        DeletedInvoice deleted = command.invoiceId() == null ? null
                : mongo.findById(command.invoiceId(), DeletedInvoice.class);
        if (deleted == null) {
            Optional<String> rejection = rejectionOf(command);
            if (rejection.isPresent()) {
                // names no business: an invoice that cannot be deleted has nothing to show
                results.reject(command.commandId(), TYPE, command.issuedBy(), summary, rejection.get(), List.of());
                return;
            }
            DraftInvoice invoice = mongo.findById(command.invoiceId(), DraftInvoice.class);
            deleted = tombstone(new DeletedInvoice(invoice.id(), command.commandId(), invoice.commandId(),
                    invoice.customerNo(), invoice.lines().stream().map(InvoiceLine::bookingId).toList(),
                    command.issuedBy(), results.now()));
        }
        results.reached(command.commandId(), CommandSteps.PLANNED);
        claims.release(deleted.id(), deleted.bookingIds());
        results.reached(command.commandId(), CommandSteps.CLAIMED);
        mongo.remove(query(where("_id").is(deleted.id())), DraftInvoice.class);
        results.publish(deleted);
        results.finish(CommandResult.completed(command.commandId(), TYPE, command.issuedBy(), summary,
                List.of(deleted.id()), 0, List.of(), deleted.bookingIds(), deleted.deletedAt(), List.of()));
    }

    Optional<String> rejectionOf(Command command) {
        if (command.commandId() == null || command.commandId().isBlank()) {
            return Optional.of("commandId is required");
        }
        if (command.invoiceId() == null || command.invoiceId().isBlank()) {
            return Optional.of("invoiceId is required");
        }
        DraftInvoice invoice = mongo.findById(command.invoiceId(), DraftInvoice.class);
        if (invoice == null) {
            return Optional.of("unknown draft invoice " + command.invoiceId());
        }
        if (results.find(invoice.commandId()).isEmpty()) {
            return Optional.of("draft invoice " + invoice.id() + " is still being created by command "
                    + invoice.commandId() + "; try again when it has completed");
        }
        return Optional.empty();
    }

    private DeletedInvoice tombstone(DeletedInvoice deleted) {
        try {
            return mongo.insert(deleted);
        } catch (DuplicateKeyException raced) {
            return mongo.findById(deleted.id(), DeletedInvoice.class);
        }
    }
}
