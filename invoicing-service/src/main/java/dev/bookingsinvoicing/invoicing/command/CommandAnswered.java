package dev.bookingsinvoicing.invoicing.command;

/**
 * Told in this process (a Spring application event) once a command's result is stored, so that whoever follows the
 * command (the operator page's progress stream) reads it at once instead of asking again and again. Only the
 * instance that carried the command out tells it; other instances' followers learn of it when they next read the
 * store.
 */
public record CommandAnswered(String commandId) {
}
