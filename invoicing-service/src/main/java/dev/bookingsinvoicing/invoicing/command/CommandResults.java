package dev.bookingsinvoicing.invoicing.command;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.schemas.Topics;

/**
 * What every command handler shares: the stored result that makes a command done, its publication, the decisions
 * that make a retry repeat the first attempt, the events of invoices, and the test hook between steps. Everything
 * is sent inside the command listener's Kafka transaction.
 */
@Component
public class CommandResults {

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, Object> kafka;
    private final ObjectProvider<CommandSteps> steps;
    private final Clock clock;

    public CommandResults(MongoTemplate mongo, KafkaTemplate<String, Object> kafka, ObjectProvider<CommandSteps> steps,
            Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.steps = steps;
        this.clock = clock;
    }

    /** The stored result of a command that is done. */
    public Optional<CommandResult> find(String commandId) {
        return Optional.ofNullable(mongo.findById(commandId, CommandResult.class));
    }

    /**
     * Publishes and stores a rejection; nothing else was changed.
     *
     * @param named the businesses the command names (its business, its bookings' businesses)
     */
    public void reject(String commandId, String type, String issuedBy, String summary, String reason,
            Collection<String> named) {
        reject(commandId, type, issuedBy, summary, reason, named, List.of());
    }

    /** A rejection that names each booking that made the command refused, with why (unknown, invoiced, ...). */
    public void reject(String commandId, String type, String issuedBy, String summary, String reason,
            Collection<String> named, List<SkippedBooking> refused) {
        finish(CommandResult.rejected(commandId, type, issuedBy, summary, reason, clock.instant(), named, refused));
    }

    /** Publishes the result, then stores it: the stored result is the last step of every command. */
    public void finish(CommandResult result) {
        publish(result);
        reached(result.id(), CommandSteps.PUBLISHED);
        try {
            mongo.insert(result);
        } catch (DuplicateKeyException alreadyStored) {
            // a concurrent attempt of the same command stored the identical result first
        }
    }

    /** The decision an earlier attempt of this command stored, if any. */
    public Optional<CommandDecision> decision(String commandId) {
        return Optional.ofNullable(mongo.findById(commandId, CommandDecision.class));
    }

    /** The stored decision of this command, or the new one stored now (or the one a racing attempt stored first). */
    public CommandDecision decide(String commandId, Supplier<CommandDecision> decision) {
        CommandDecision stored = mongo.findById(commandId, CommandDecision.class);
        if (stored != null) {
            return stored;
        }
        try {
            return mongo.insert(decision.get());
        } catch (DuplicateKeyException raced) {
            return mongo.findById(commandId, CommandDecision.class);
        }
    }

    public void publish(CommandResult result) {
        Object event = result.outcome() == CommandResult.Outcome.COMPLETED ? InvoicingEvents.commandCompleted(result)
                : InvoicingEvents.commandRejected(result);
        kafka.send(Topics.COMMAND_RESULTS, result.id(), event);
    }

    public void publish(DraftInvoice invoice) {
        kafka.send(Topics.INVOICES, invoice.customerNo(), InvoicingEvents.draftInvoiceCreated(invoice));
    }

    public void publish(DeletedInvoice deleted) {
        kafka.send(Topics.INVOICES, deleted.customerNo(), InvoicingEvents.draftInvoiceDeleted(deleted));
    }

    public void reached(String commandId, String step) {
        CommandSteps hook = steps.getIfAvailable();
        if (hook != null) {
            hook.reached(commandId, step);
        }
    }

    public java.time.Instant now() {
        return clock.instant();
    }

    /** "3 bookings", "b/a/c and 2 more": short descriptions for the command history. */
    static String describe(List<String> ids) {
        if (ids.isEmpty()) {
            return "no bookings";
        }
        return ids.size() == 1 ? ids.get(0) : ids.get(0) + " and " + (ids.size() - 1) + " more";
    }
}
