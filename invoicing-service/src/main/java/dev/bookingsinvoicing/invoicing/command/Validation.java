package dev.bookingsinvoicing.invoicing.command;

import java.util.List;
import java.util.Optional;

/** Checks every booking-selecting command makes the same way, with the same words. */
final class Validation {

    /** How many offending bookings a rejection names before "and N more". */
    static final int NAMED = 5;

    private Validation() {
    }

    static Optional<String> selection(String commandId, List<String> bookingIds, int maxSelection) {
        if (commandId == null || commandId.isBlank()) {
            return Optional.of("commandId is required");
        }
        if (bookingIds == null || bookingIds.isEmpty()) {
            return Optional.of("bookingIds must name at least one booking");
        }
        if (bookingIds.size() > maxSelection) {
            return Optional.of("bookingIds names " + bookingIds.size() + " bookings, more than the maximum of "
                    + maxSelection);
        }
        if (bookingIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            return Optional.of("bookingIds contains a blank id");
        }
        return Optional.empty();
    }

    /** Empty when there is no problem, else a rejection naming the first few. */
    static Optional<String> problems(List<String> problems) {
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        String named = String.join("; ", problems.subList(0, Math.min(NAMED, problems.size())));
        return Optional.of(problems.size() + " booking(s) cannot be taken, nothing was changed: " + named
                + (problems.size() > NAMED ? "; and " + (problems.size() - NAMED) + " more" : ""));
    }
}
