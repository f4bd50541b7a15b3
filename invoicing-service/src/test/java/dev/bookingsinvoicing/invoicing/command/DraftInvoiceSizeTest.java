package dev.bookingsinvoicing.invoicing.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.invoicing.InvoicingProperties;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Measures what a draft of the most lines costs on the wire, encoded as the service publishes it, so that the
 * default and the largest allowed {@code max-lines-per-invoice} keep every DraftInvoiceCreated under the broker's
 * default 1 MB record limit (message.max.bytes 1,048,588; the producer's max.request.size 1,048,576).
 */
class DraftInvoiceSizeTest {

    private static final int BROKER_DEFAULT_LIMIT = 1_048_576;
    private static final Instant NOW = Instant.parse("2026-03-31T18:00:00Z");
    /** A 320-character mailbox, the longest address a business id can be. */
    private static final String LONGEST_BUSINESS = "b".repeat(300) + "@contoso.onmicrosoft";
    private static final String LONG_SERVICE = "S".repeat(100);

    @Test
    void aDraftOfTheDefaultLinesWithRealisticGraphIdsIsAFractionOfTheRecordLimit() {
        int bytes = encodedSize(InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE, "ContosoSalon@contoso.onmicrosoft.com",
                152, "Haircut and blow-dry");
        System.out.printf("DraftInvoiceCreated of %d lines, realistic ids: %d bytes%n",
                InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE, bytes);
        assertThat(bytes).isLessThan(BROKER_DEFAULT_LIMIT / 4);

        int longest = encodedSize(InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE, LONGEST_BUSINESS, 200, LONG_SERVICE);
        System.out.printf("DraftInvoiceCreated of %d lines, longest ids: %d bytes%n",
                InvoicePlanner.DEFAULT_MAX_LINES_PER_INVOICE, longest);
        assertThat(longest).isLessThan(BROKER_DEFAULT_LIMIT * 6 / 10);
    }

    @Test
    void aDraftOfTheLargestAllowedLinesWithTheLongestIdsStillFitsTheRecordLimit() {
        int bytes = encodedSize(InvoicingProperties.MAX_LINES_PER_INVOICE_LIMIT, LONGEST_BUSINESS, 200, LONG_SERVICE);
        System.out.printf("DraftInvoiceCreated of %d lines, longest ids: %d bytes%n",
                InvoicingProperties.MAX_LINES_PER_INVOICE_LIMIT, bytes);
        assertThat(bytes).isLessThan(BROKER_DEFAULT_LIMIT);
    }

    private static int encodedSize(int lines, String business, int appointmentIdLength, String service) {
        List<BookingRow> rows = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            String appointment = String.format("%0" + appointmentIdLength + "d", i);
            String customer = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
            Instant start = NOW.minusSeconds(3600L * i);
            rows.add(new BookingRow(business + "/" + appointment + "/" + customer, business, appointment, customer,
                    start, start.plusSeconds(5400), 90, "America/Los_Angeles", null, "s1", service, "SVC0010",
                    "Attendee", "a@example.com", "C00010", "Customer C00010", "hourly", new BigDecimal("123.45"),
                    "EUR", new BigDecimal("1.50000"), new BigDecimal("123.45"), new BigDecimal("185.18"), "r1",
                    BookingStatus.READY, null));
        }
        // posting groups of Business Central's usual lengths (codes of up to 20 characters)
        Postings postings = new Postings(Map.of("C00010", new CustomerPosting("DOMESTIC", "DOMESTIC", "DOMESTIC")),
                Map.of(Keys.service(business, "s1"), new ItemPosting("HOUR", "SERVICES", "VAT25")));
        InvoicePlan plan = new InvoicePlanner(lines, InvoiceGrouping.CUSTOMER, "HOUR")
                .plan("8f14e45f-ceea-467a-9575-0a0b1c2d3e4f", rows,
                List.of(), postings, NOW);
        assertThat(plan.invoices()).singleElement();
        try (AvroSerializer serializer = new AvroSerializer()) {
            return serializer.serialize(Topics.INVOICES,
                    InvoicingEvents.draftInvoiceCreated(plan.invoices().get(0))).length;
        }
    }
}
