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
 * @param killBookings    bookings of the run whose invoicing service, a separate process, is SIGKILLed again and
 *                        again (each restart is a JVM start-up: seconds, hence fewer bookings and kills)
 * @param killBookingsPerCommand bookings selected by each InvoiceBookings command of that run
 * @param kills           SIGKILLs of that process during that run
 * @param connectorKills  SIGKILLs of the Business Central connector, a separate process, between Business Central's
 *                        answer to an invoice's POST and the offset commit (each restart about 10 s here: 5 kills
 *                        65 s, 20 kills 206 s)
 */
record FaultSize(String name, int crashBookings, int crashKills, int bookingsPerCommand, int caseBookings,
        int killBookings, int killBookingsPerCommand, int kills, int connectorKills) {

    static final FaultSize CI = new FaultSize("ci", 10_000, 20, 250, 1_000, 2_000, 100, 5, 5);
    static final FaultSize FULL = new FaultSize("full", 100_000, 40, 1_250, 10_000, 20_000, 200, 20, 20);

    static FaultSize current() {
        String size = System.getProperty("faults.size", "ci").trim().toLowerCase(Locale.ROOT);
        return switch (size) {
            case "ci", "" -> CI;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("faults.size must be ci or full, not " + size);
        };
    }
}
