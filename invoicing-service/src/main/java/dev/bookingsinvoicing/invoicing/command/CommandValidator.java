package dev.bookingsinvoicing.invoicing.command;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether an InvoiceBookings command is carried out at all. A rejected command changes nothing.
 *
 * <p>"Nothing to invoice" is deliberately NOT a rejection: a well-formed command whose scope holds no ready
 * booking completes with zero invoices and lists the bookings it skipped and why, which is what an operator
 * needs to see ("3 bookings need a price").
 */
public final class CommandValidator {

    private final int maxSelection;

    public CommandValidator(int maxSelection) {
        this.maxSelection = maxSelection;
    }

    /** The reason the command is rejected, or empty when it may be carried out. */
    public Optional<String> rejectionOf(InvoiceCommand command) {
        if (command.commandId() == null || command.commandId().isBlank()) {
            return Optional.of("commandId is required");
        }
        if (command.scope() == null) {
            return Optional.of("scope is required (ALL, SELECTED or CUSTOMER)");
        }
        if (command.from() != null && command.to() != null && !command.from().isBefore(command.to())) {
            return Optional.of("from must be before to");
        }
        if (command.fromDate() != null && command.toDate() != null && command.fromDate().isAfter(command.toDate())) {
            return Optional.of("fromDate must be on or before toDate");
        }
        return switch (command.scope()) {
            case ALL -> Optional.empty();
            case SELECTED -> {
                if (command.bookingIds() == null || command.bookingIds().isEmpty()) {
                    yield Optional.of("scope SELECTED needs at least one booking id");
                }
                if (command.bookingIds().size() > maxSelection) {
                    yield Optional.of("scope SELECTED names " + command.bookingIds().size()
                            + " bookings, more than the maximum of " + maxSelection);
                }
                yield Optional.empty();
            }
            case CUSTOMER -> command.customerNo() == null || command.customerNo().isBlank()
                    ? Optional.of("scope CUSTOMER needs a customerNo")
                    : Optional.empty();
        };
    }

    /** The reason a booking-selecting command (MarkBookingsInvoiced, SetBookingPrice) is malformed, or empty. */
    public Optional<String> selectionRejectionOf(String commandId, List<String> bookingIds) {
        return Validation.selection(commandId, bookingIds, maxSelection);
    }
}
