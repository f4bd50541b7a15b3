package dev.bookingsinvoicing.invoicing.web;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.command.CommandSender;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;
import dev.bookingsinvoicing.invoicing.store.IdBatches;

/**
 * Sends the commands of one page action and follows them. Command ids derive from the form's one-time token and
 * what is asked, so a form submitted twice sends the same commands again and the service, idempotent by commandId,
 * answers once; a different request from the same (cached) form gets new ids.
 */
@Component
public class OperatorActions {

    private final MongoTemplate mongo;
    private final CommandSender sender;
    private final Clock clock;

    public OperatorActions(MongoTemplate mongo, CommandSender sender, Clock clock) {
        this.mongo = mongo;
        this.sender = sender;
        this.clock = clock;
    }

    /** A new one-time token for a form. */
    static String newToken() {
        return UUID.randomUUID().toString();
    }

    /** The id of an action: the form token plus everything that was asked. */
    static String actionId(String token, String what, List<String> parts) {
        String key = (token == null ? newToken() : token) + "|" + what + "|" + String.join(",", parts);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Sends {@code count} commands built by {@code command} (given the commandId and the index), then records the
     * action. Commands go first: if a send fails the operator sees the error and no action is left waiting forever.
     */
    OperatorAction start(String actionId, String title, String issuedBy, int count, long expectedBookings,
            String returnTo, Function<Integer, Function<String, SpecificRecord>> command) {
        return start(actionId, title, issuedBy, count, expectedBookings, returnTo, null, command);
    }

    /** As above, for a preview: {@code confirm} is the form that sends the previewed commands for real. */
    OperatorAction start(String actionId, String title, String issuedBy, int count, long expectedBookings,
            String returnTo, OperatorAction.Confirmation confirm,
            Function<Integer, Function<String, SpecificRecord>> command) {
        List<String> commandIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String commandId = count == 1 ? actionId : actionId + "-" + (i + 1);
            sender.send(commandId, command.apply(i).apply(commandId));
            commandIds.add(commandId);
        }
        OperatorAction action = new OperatorAction(actionId, title, issuedBy, clock.instant(), commandIds,
                expectedBookings, returnTo, confirm);
        mongo.save(action);
        return action;
    }

    OperatorAction find(String actionId) {
        return mongo.findById(actionId, OperatorAction.class);
    }

    /** How far the action has got: the results that have arrived, the commands still running, the bookings done. */
    ActionStatus status(OperatorAction action) {
        Map<String, CommandOutcome> outcomes = outcomes(action.commandIds());
        List<String> pending = action.commandIds().stream().filter(id -> !outcomes.containsKey(id)).toList();
        List<CommandOutcome> done = action.commandIds().stream().filter(outcomes::containsKey).map(outcomes::get)
                .toList();
        long actedOn = done.stream().mapToLong(o -> (o.invoicing() ? o.bookingsInvoiced() + o.previewedBookings()
                : o.bookingIds().size()) + o.skipped().size()).sum();
        return new ActionStatus(action, done, pending,
                Math.min(action.expectedBookings(), actedOn + bookingsTaken(pending)));
    }

    /** The stored results of these commands, by id (absent while a command is not carried out yet). */
    Map<String, CommandOutcome> outcomes(List<String> commandIds) {
        Map<String, CommandOutcome> found = new LinkedHashMap<>();
        for (List<String> batch : IdBatches.of(commandIds)) {
            mongo.find(Query.query(where("_id").in(batch)), Document.class, CommandOutcome.COLLECTION)
                    .forEach(d -> found.put(d.getString("_id"), CommandOutcome.of(d)));
        }
        return found;
    }

    /**
     * Bookings already taken by commands still running: claims are inserted one by one while a command works, so
     * counting them shows a large run moving. A full scan on the embedded server, hence only while waiting.
     */
    long bookingsTaken(List<String> pendingCommandIds) {
        if (pendingCommandIds.isEmpty()) {
            return 0;
        }
        return mongo.count(Query.query(where("commandId").in(pendingCommandIds)), "booking_claims");
    }

    /** The draft invoices of these ids that still exist and that the user may see. */
    List<InvoiceView> invoices(BusinessAccess access, List<String> invoiceIds) {
        List<InvoiceView> invoices = new ArrayList<>();
        for (List<String> batch : IdBatches.of(invoiceIds)) {
            mongo.find(Query.query(where("_id").in(batch)), Document.class, InvoiceView.COLLECTION).stream()
                    .map(InvoiceView::of).filter(invoice -> invoice.visibleTo(access)).forEach(invoices::add);
        }
        return invoices;
    }
}
