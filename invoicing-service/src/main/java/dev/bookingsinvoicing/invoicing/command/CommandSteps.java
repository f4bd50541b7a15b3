package dev.bookingsinvoicing.invoicing.command;

/**
 * Told by the {@link CommandLifecycle} between the steps that matter for "never twice, never lost" (after the
 * decision or plan is stored, after the bookings are claimed, after the invoices are stored, after the events are
 * sent). Production has no such bean; a fault test registers one that throws or stops the service at a chosen step
 * to prove that a restart produces exactly the result of a clean run.
 */
@FunctionalInterface
public interface CommandSteps {

    String PLANNED = "planned";
    String CLAIMED = "claimed";
    String INVOICES_STORED = "invoices-stored";
    String PUBLISHED = "published";

    void reached(String commandId, String step);
}
