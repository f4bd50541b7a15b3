package dev.bookingsinvoicing.invoicing.web;

import java.util.List;

/**
 * How far one page action has got: the results of its commands that have arrived, the commands still running, and
 * the bookings done so far (out of the action's {@code expectedBookings}).
 */
public record ActionStatus(OperatorAction action, List<CommandOutcome> done, List<String> pending, long progress) {

    public boolean finished() {
        return pending.isEmpty();
    }

    /** Changes whenever what the result page shows of the action changes (an answer arrives, progress moves). */
    public String version() {
        return done.size() + "/" + action.commandIds().size() + "/" + progress;
    }
}
