package dev.bookingsinvoicing.invoicing.command;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.invoicing.store.StoredPage;

/**
 * The stored answers ({@code command_results}) and decisions ({@code command_decisions}) of commands, by command id.
 * A stored result makes a command done (and is told as {@link CommandAnswered}); a stored decision makes a retry
 * carry out what the first attempt decided.
 */
@Component
public class CommandResultStore {

    private final DocumentsById documents;
    private final ApplicationEventPublisher events;

    public CommandResultStore(DocumentsById documents, ApplicationEventPublisher events) {
        this.documents = documents;
        this.events = events;
    }

    public Optional<CommandResult> find(String commandId) {
        return documents.find(commandId, CommandResult.class);
    }

    /** Stores the result; a concurrent attempt of the same command may have stored the identical one first. */
    void save(CommandResult result) {
        documents.insertOrExisting(result, CommandResult.class, result.id());
        events.publishEvent(new CommandAnswered(result.id()));
    }

    /** One page of the results matching {@code criteria}, newest first (index by_time), as stored. */
    public StoredPage newestFirst(Criteria criteria, long offset, int limit) {
        return documents.page(CommandResult.COLLECTION, criteria,
                Sort.by(Sort.Direction.DESC, "occurredAt").and(Sort.by("_id")), offset, limit);
    }

    Optional<CommandDecision> decision(String commandId) {
        return documents.find(commandId, CommandDecision.class);
    }

    /** The stored decision of this command, or the new one stored now (or the one a racing attempt stored first). */
    CommandDecision decide(String commandId, Supplier<CommandDecision> decision) {
        return decision(commandId)
                .orElseGet(() -> documents.insertOrExisting(decision.get(), CommandDecision.class, commandId));
    }
}
