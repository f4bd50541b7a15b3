package dev.bookingsinvoicing.invoicing.command;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What one kind of command does; the life every command shares is {@link CommandLifecycle}'s. A handler validates,
 * decides and applies; it never publishes nor stores the result itself.
 *
 * @param <C> the command as the domain sees it
 */
public interface CommandHandler<C extends IssuedCommand> {

    /** The command type as results name it (InvoiceBookings, MarkBookingsInvoiced, ...). */
    String type();

    /** What was asked, in words, for the command history. */
    String summary(C command);

    /** The businesses the command names (its business, its bookings' businesses), for who may see its result. */
    Collection<String> businessesNamed(C command);

    /**
     * Whether an earlier attempt decided this command already in a way of the handler's own (a stored
     * {@link CommandDecision} counts for every handler): it is then carried out as decided, not validated again
     * against a view its own first attempt may have changed.
     */
    default boolean decided(C command) {
        return false;
    }

    /** Why the command is refused (nothing is changed then), or empty when it may be carried out. */
    Optional<Refusal> refusal(C command);

    /**
     * Decides (or reads the decision an earlier attempt stored) and applies the command, reporting the steps that
     * matter for "never twice" to {@code progress}. Every change is idempotent: a retry after a crash anywhere makes
     * the same changes and the same result.
     */
    CarriedOut carryOut(C command, Progress progress);

    /** The events a command that is done publishes again before its result (invoices it created, say). */
    default List<InvoiceEvent> republished(C command, CommandResult result) {
        return List.of();
    }

    /** A refusal: the reason, and each booking that made the command refused, with why (may be empty). */
    record Refusal(String reason, List<SkippedBooking> refused) {

        static Refusal of(String reason) {
            return new Refusal(reason, List.of());
        }
    }

    /** What carrying a command out gave: its result and the invoice events to publish with it. */
    record CarriedOut(CommandResult result, List<InvoiceEvent> events) {

        static CarriedOut of(CommandResult result) {
            return new CarriedOut(result, List.of());
        }
    }

    /** Where a handler reports the steps of {@link CommandSteps}. */
    @FunctionalInterface
    interface Progress {

        void reached(String step);
    }
}
