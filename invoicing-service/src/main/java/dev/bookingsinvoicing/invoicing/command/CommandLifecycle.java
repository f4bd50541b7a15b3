package dev.bookingsinvoicing.invoicing.command;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The life of every command, written once: a command whose result is stored is done and only publishes again what
 * it published (same ids, same bytes); otherwise, unless an earlier attempt decided it (a stored
 * {@link CommandDecision}, or the handler's own decision), it is validated and a refused
 * command changes nothing; then its handler decides and applies it; then its events and its result are published
 * (in the listener's Kafka transaction, with the command's offset) and the result is stored, last.
 *
 * <p>Between the steps that matter for "never twice, never lost" the lifecycle tells the {@link CommandSteps}
 * listeners (production has none; the fault tests stop the service there to prove a restart finishes the work).
 * Each command is counted once, when its result is published: {@value #COMMANDS}{type, outcome}.
 */
@Component
public class CommandLifecycle {

    /** Commands by type (InvoiceBookings, ...) and outcome (COMPLETED, REJECTED). */
    public static final String COMMANDS = "bookings.commands";

    private final CommandResultStore results;
    private final CommandPublisher publisher;
    private final ObjectProvider<CommandSteps> steps;
    private final Clock clock;
    private final MeterRegistry meters;

    public CommandLifecycle(CommandResultStore results, CommandPublisher publisher, ObjectProvider<CommandSteps> steps,
            Clock clock, MeterRegistry meters) {
        this.results = results;
        this.publisher = publisher;
        this.steps = steps;
        this.clock = clock;
        this.meters = meters;
    }

    public <C extends IssuedCommand> void handle(CommandHandler<C> handler, C command) {
        String commandId = command.commandId();
        Optional<CommandResult> done = results.find(commandId);
        if (done.isPresent()) {
            handler.republished(command, done.get()).forEach(publisher::publish);
            publisher.publish(done.get());
            return;
        }
        if (results.decision(commandId).isEmpty() && !handler.decided(command)) {
            Optional<CommandHandler.Refusal> refusal = handler.refusal(command);
            if (refusal.isPresent()) {
                finish(CommandResult.rejected(commandId, handler.type(), command.issuedBy(),
                        handler.summary(command), refusal.get().reason(), clock.instant(),
                        handler.businessesNamed(command), refusal.get().refused()));
                return;
            }
        }
        CommandHandler.CarriedOut carriedOut = handler.carryOut(command, step -> reached(commandId, step));
        carriedOut.events().forEach(publisher::publish);
        finish(carriedOut.result());
    }

    private void finish(CommandResult result) {
        publisher.publish(result);
        reached(result.id(), CommandSteps.PUBLISHED);
        results.save(result);
        Counter.builder(COMMANDS).tags("type", result.commandType(), "outcome", result.outcome().name())
                .description("Invoicing commands answered, by type and outcome").register(meters).increment();
    }

    private void reached(String commandId, String step) {
        List<CommandSteps> listeners = steps.orderedStream().toList();
        listeners.forEach(listener -> listener.reached(commandId, step));
    }
}
