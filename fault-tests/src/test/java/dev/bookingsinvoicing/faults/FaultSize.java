package dev.bookingsinvoicing.faults;

import java.util.Locale;

/**
 * How big the fault suite runs: {@code -Dfaults.size=ci} (the default, inside {@code mvn verify}) or
 * {@code -Dfaults.size=full} (on demand).
 *
 * @param crashBookings   bookings of the invoicing run that is killed again and again
 * @param crashKills      kills of the invoicing service during that run (after the view is complete)
 * @param bookingsPerCommand bookings selected by each InvoiceBookings command of that run
 * @param caseBookings    bookings of every other case
 */
record FaultSize(String name, int crashBookings, int crashKills, int bookingsPerCommand, int caseBookings) {

    static final FaultSize CI = new FaultSize("ci", 10_000, 20, 250, 1_000);
    static final FaultSize FULL = new FaultSize("full", 100_000, 40, 2_500, 10_000);

    static FaultSize current() {
        String size = System.getProperty("faults.size", "ci").trim().toLowerCase(Locale.ROOT);
        return switch (size) {
            case "ci", "" -> CI;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("faults.size must be ci or full, not " + size);
        };
    }
}
