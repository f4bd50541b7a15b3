package dev.bookingsinvoicing.invoicing.correction;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.invoicing.command.InvoiceLine;
import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanner;
import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;
import dev.bookingsinvoicing.invoicing.view.Appointment;
import dev.bookingsinvoicing.invoicing.view.Attendee;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingRows;
import dev.bookingsinvoicing.invoicing.view.CustomerPosting;
import dev.bookingsinvoicing.invoicing.view.CustomerRegistration;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;
import dev.bookingsinvoicing.invoicing.view.ItemRegistration;

/**
 * What is a correction: the line now is made by the view's rules and the planner's line, exactly as the invoiced line
 * was; only a difference in what the invoice says counts. Expected values worked out by hand.
 */
class CorrectionRulesTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private final BookingRows rules = new BookingRows(new Pricing());
    private final InvoicePlanner planner = new InvoicePlanner(500, InvoiceGrouping.CUSTOMER, "HOUR");

    @Test
    void aNewRevisionThatChangesNothingOnTheLineIsNoCorrection() {
        CorrectionLine invoiced = line(appointment("r1", 60, BookingPriceType.hourly, "40.00"), "C00010");
        CorrectionLine now = line(appointment("r2", 60, BookingPriceType.hourly, "40.000"), "C00010");

        assertThat(CorrectionRules.differs(invoiced, now)).isFalse();
    }

    @Test
    void aLongerHourlyBookingIsACorrectionWithTheNewQuantityAndAmount() {
        CorrectionLine invoiced = line(appointment("r1", 60, BookingPriceType.hourly, "40.00"), "C00010");
        CorrectionLine now = line(appointment("r2", 90, BookingPriceType.hourly, "40.00"), "C00010");

        assertThat(CorrectionRules.differs(invoiced, now)).isTrue();
        assertThat(now.quantity()).isEqualByComparingTo("1.5");
        assertThat(now.amount()).isEqualByComparingTo("60.00");
        assertThat(invoiced.amount()).isEqualByComparingTo("40.00");
    }

    @Test
    void aNewPriceAnotherCustomerOrAnotherDayIsACorrection() {
        CorrectionLine invoiced = line(appointment("r1", 30, BookingPriceType.fixedPrice, "10.00"), "C00010");

        assertThat(CorrectionRules.differs(invoiced, line(appointment("r2", 30, BookingPriceType.fixedPrice, "12.00"),
                "C00010"))).isTrue();
        assertThat(CorrectionRules.differs(invoiced, line(appointment("r2", 30, BookingPriceType.fixedPrice, "10.00"),
                "C00020"))).isTrue();
        CorrectionLine nextDay = line(new Appointment("salon", "a1", "r2", START, "s-cut", "Haircut",
                START.plusSeconds(86_400), START.plusSeconds(86_400 + 1_800), "Europe/Amsterdam",
                BookingPriceType.fixedPrice, new BigDecimal("10.00"), "EUR", List.of(new Attendee("c1", "Ann", "a@x"))),
                "C00010");
        assertThat(nextDay.description()).isEqualTo("Haircut - 2026-03-03");
        assertThat(CorrectionRules.differs(invoiced, nextDay)).isTrue();
    }

    @Test
    void aBookingThatNowNeedsAPriceIsACorrectionWithoutAmountAndSaysWhy() {
        CorrectionLine invoiced = line(appointment("r1", 30, BookingPriceType.fixedPrice, "10.00"), "C00010");
        BookingRow row = row(appointment("r2", 30, BookingPriceType.priceVaries, null), "C00010");
        CorrectionLine now = CorrectionRules.lineOf(planner.line(1, row, ItemPosting.UNKNOWN), row.customerNo());

        assertThat(CorrectionRules.differs(invoiced, now)).isTrue();
        assertThat(now.amount()).isNull();
        assertThat(CorrectionRules.reasonNow(row)).isEqualTo("NEEDS_PRICE: needs a price (priceVaries, no price)");
    }

    @Test
    void idsAreStableForTheSameChangeAndDifferForAnotherOne() {
        CorrectionLine now = line(appointment("r2", 30, BookingPriceType.fixedPrice, "12.00"), "C00010");
        Instant at = START.plusSeconds(7_200);

        assertThat(CorrectionRules.correctionId("DI-1", "salon/a1/c1", at, now))
                .isEqualTo(CorrectionRules.correctionId("DI-1", "salon/a1/c1", at, now)).startsWith("CO-");
        assertThat(CorrectionRules.correctionId("DI-1", "salon/a1/c1", at, now))
                .isNotEqualTo(CorrectionRules.correctionId("DI-1", "salon/a1/c1", at, null))
                .isNotEqualTo(CorrectionRules.correctionId("DI-1", "salon/a1/c1", at.plusSeconds(1), now));
        assertThat(CorrectionRules.creditNoteId("DI-1", "salon/a1/c1")).startsWith("CN-").hasSize(19)
                .isEqualTo(CorrectionRules.creditNoteId("DI-1", "salon/a1/c1"))
                .isNotEqualTo(CorrectionRules.creditNoteId("DI-2", "salon/a1/c1"));
    }

    private CorrectionLine line(Appointment appointment, String customerNo) {
        BookingRow row = row(appointment, customerNo);
        InvoiceLine line = planner.line(1, row, ItemPosting.UNKNOWN);
        return CorrectionRules.lineOf(line, row.customerNo());
    }

    private BookingRow row(Appointment appointment, String customerNo) {
        CustomerRegistration customer = new CustomerRegistration("salon/c1", "salon", "c1", true, customerNo, "Ann",
                null, "e1", START, CustomerPosting.UNKNOWN);
        ItemRegistration item = new ItemRegistration("salon/s-cut", "salon", "s-cut", true, "I-CUT", null, "e2", START,
                null, ItemPosting.UNKNOWN);
        return rules.rowsOf(appointment, Map.of("salon/c1", customer), item).get(0);
    }

    private static Appointment appointment(String revision, int minutes, BookingPriceType type, String price) {
        return new Appointment("salon", "a1", revision, START, "s-cut", "Haircut", START,
                START.plusSeconds(minutes * 60L), "Europe/Amsterdam", type, price == null ? null : new BigDecimal(price),
                "EUR", List.of(new Attendee("c1", "Ann", "a@x")));
    }
}
