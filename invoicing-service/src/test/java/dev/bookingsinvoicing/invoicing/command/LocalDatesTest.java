package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.view.Appointment;
import dev.bookingsinvoicing.invoicing.view.Attendee;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRows;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;
import dev.bookingsinvoicing.invoicing.view.CustomerRegistration;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;
import dev.bookingsinvoicing.invoicing.view.ItemRegistration;

/**
 * A booking's date is the appointment's LOCAL date, on the view row and on the invoice line alike. Each start is the
 * UTC instant the sync publishes; each expected date was worked out by hand from the zone's offset on that day (noted
 * beside it), not with the code under test. Windows names are what events written before the sync converted zones
 * carry.
 */
class LocalDatesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final BookingRows rules = new BookingRows(new Pricing());
    private final InvoicePlanner planner = new InvoicePlanner(InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE,
            InvoiceGrouping.CUSTOMER, "HOUR");

    static Stream<Arguments> appointments() {
        return Stream.of(
                // PST (UTC-8) on 2 March: 01:00 UTC on the 3rd is 17:00 on the 2nd, not the next day
                Arguments.of("America/Los_Angeles", "2026-03-03T01:00:00Z", LocalDate.of(2026, 3, 2),
                        "America/Los_Angeles"),
                // JST (UTC+9): 23:00 UTC on the 2nd is 08:00 on the 3rd, not the previous day
                Arguments.of("Asia/Tokyo", "2026-03-02T23:00:00Z", LocalDate.of(2026, 3, 3), "Asia/Tokyo"),
                // AEDT (UTC+11) until 5 April: 22:30 UTC on 1 March is 09:30 on the 2nd
                Arguments.of("Australia/Sydney", "2026-03-01T22:30:00Z", LocalDate.of(2026, 3, 2),
                        "Australia/Sydney"),
                // New York springs forward on 8 March 2026 at 02:00 EST (07:00 UTC) to 03:00 EDT (UTC-4):
                // 05:30 UTC is 00:30 EST, 07:30 UTC is 03:30 EDT, 03:30 UTC on the 9th is 23:30 EDT on the 8th
                Arguments.of("America/New_York", "2026-03-08T05:30:00Z", LocalDate.of(2026, 3, 8),
                        "America/New_York"),
                Arguments.of("America/New_York", "2026-03-08T07:30:00Z", LocalDate.of(2026, 3, 8),
                        "America/New_York"),
                Arguments.of("America/New_York", "2026-03-09T03:30:00Z", LocalDate.of(2026, 3, 8),
                        "America/New_York"),
                // Berlin falls back on 25 October 2026 at 03:00 CEST (01:00 UTC) to 02:00 CET (UTC+1):
                // 22:30 UTC on the 24th is 00:30 CEST on the 25th; 00:30 UTC is the first 02:30 (CEST), 01:30 UTC
                // the second 02:30 (CET); 22:30 UTC on the 25th is 23:30 CET, still the 25th
                Arguments.of("Europe/Berlin", "2026-10-24T22:30:00Z", LocalDate.of(2026, 10, 25), "Europe/Berlin"),
                Arguments.of("Europe/Berlin", "2026-10-25T00:30:00Z", LocalDate.of(2026, 10, 25), "Europe/Berlin"),
                Arguments.of("Europe/Berlin", "2026-10-25T01:30:00Z", LocalDate.of(2026, 10, 25), "Europe/Berlin"),
                Arguments.of("Europe/Berlin", "2026-10-25T22:30:00Z", LocalDate.of(2026, 10, 25), "Europe/Berlin"),
                // Windows names, as events written before the sync converted zones carry them
                Arguments.of("Tokyo Standard Time", "2026-03-02T23:00:00Z", LocalDate.of(2026, 3, 3), "Asia/Tokyo"),
                Arguments.of("Pacific Standard Time", "2026-03-03T01:00:00Z", LocalDate.of(2026, 3, 2),
                        "America/Los_Angeles"),
                Arguments.of("W. Europe Standard Time", "2026-10-24T22:30:00Z", LocalDate.of(2026, 10, 25),
                        "Europe/Berlin"),
                Arguments.of("AUS Eastern Standard Time", "2026-03-01T22:30:00Z", LocalDate.of(2026, 3, 2),
                        "Australia/Sydney"),
                // UTC, no zone at all, and a name that is neither IANA nor Windows: the UTC day
                Arguments.of("UTC", "2026-03-02T23:59:00Z", LocalDate.of(2026, 3, 2), "UTC"),
                Arguments.of(null, "2026-03-02T23:59:00Z", LocalDate.of(2026, 3, 2), "UTC"),
                Arguments.of("Mars Standard Time", "2026-03-03T01:00:00Z", LocalDate.of(2026, 3, 3), "UTC"));
    }

    @ParameterizedTest(name = "{0} at {1} is dated {2}")
    @MethodSource("appointments")
    void theViewRowAndTheInvoiceLineCarryTheAppointmentsLocalDate(String timeZone, String start, LocalDate expected,
            String expectedZone) {
        BookingRow row = rules.rowsOf(appointment(timeZone, Instant.parse(start)),
                Map.of("b1/c1", new CustomerRegistration("b1/c1", "b1", "c1", true, "C00010", "Ann Smith", null, "e1",
                        NOW, CustomerPosting.UNKNOWN)),
                new ItemRegistration("b1/s1", "b1", "s1", true, "I-MASSAGE", null, "e2", NOW, null,
                        ItemPosting.UNKNOWN)).get(0);

        assertThat(row.status()).isEqualTo(BookingStatus.READY);
        assertThat(row.localDate()).isEqualTo(expected.toString());
        assertThat(row.timeZone()).isEqualTo(expectedZone);

        InvoiceLine line = planner.plan("cmd-1", List.of(row), List.of(), Postings.NONE, NOW).invoices().get(0).lines()
                .get(0);
        assertThat(line.description()).isEqualTo("Massage - " + expected);
        assertThat(line.serviceLocalDate()).isEqualTo(expected);
        assertThat(line.timeZone()).isEqualTo(expectedZone);
        assertThat(line.serviceDate()).isEqualTo(Instant.parse(start));
    }

    private static Appointment appointment(String timeZone, Instant start) {
        return new Appointment("b1", "a1", "r1", NOW, "s1", "Massage", start, start.plusSeconds(3600), timeZone,
                BookingPriceType.fixedPrice, new BigDecimal("50.00"), "EUR",
                List.of(new Attendee("c1", "Ann Smith", "ann@example.com")));
    }
}
