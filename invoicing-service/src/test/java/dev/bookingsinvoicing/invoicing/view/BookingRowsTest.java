package dev.bookingsinvoicing.invoicing.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.invoicing.pricing.Pricing;

class BookingRowsTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final BookingRows rules = new BookingRows(new Pricing());

    @Test
    void anAppointmentBeforeItsRegistrationsIsUnmatchedAndBecomesReadyWhenTheyArrive() {
        BookingRow row = rules.rowsOf(appointment(BookingPriceType.fixedPrice, "10.00", "c1"), Map.of(), null)
                .get(0);
        assertThat(row.id()).isEqualTo("b1/a1/c1");
        assertThat(row.status()).isEqualTo(BookingStatus.UNMATCHED_CUSTOMER);
        assertThat(row.reason()).isEqualTo("customer not registered yet");

        BookingRow customerKnown = rules.classify(row, registered("c1", "C00010"), null);
        assertThat(customerKnown.status()).isEqualTo(BookingStatus.UNMAPPED_SERVICE);
        assertThat(customerKnown.reason()).isEqualTo("service not registered as an item yet");
        assertThat(customerKnown.customerNo()).isEqualTo("C00010");

        BookingRow ready = rules.classify(customerKnown, registered("c1", "C00010"), item());
        assertThat(ready.status()).isEqualTo(BookingStatus.READY);
        assertThat(ready.reason()).isNull();
        assertThat(ready.itemNo()).isEqualTo("I-CUT");
        assertThat(ready.amount()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void registrationsThatArrivedFirstMakeTheRowReadyAtOnce() {
        BookingRow row = rules.rowsOf(appointment(BookingPriceType.hourly, "40.00", "c1"),
                Map.of("b1/c1", registered("c1", "C00010")), item()).get(0);

        assertThat(row.status()).isEqualTo(BookingStatus.READY);
        assertThat(row.quantity()).isEqualTo(new BigDecimal("1.50000"));
        assertThat(row.amount()).isEqualTo(new BigDecimal("60.00"));
    }

    @Test
    void aRejectedCustomerOrServiceShowsTheReason() {
        CustomerRegistration rejected = new CustomerRegistration("b1/c1", "b1", "c1", false, null, null,
                "no email address", "e1", START, CustomerPosting.UNKNOWN);
        assertThat(rules.rowsOf(appointment(BookingPriceType.fixedPrice, "10.00", "c1"), Map.of("b1/c1", rejected),
                item()).get(0).reason()).isEqualTo("customer rejected: no email address");

        ItemRegistration itemRejected = new ItemRegistration("b1/s1", "b1", "s1", false, null, "duplicate name", "e2",
                START, null, ItemPosting.UNKNOWN);
        BookingRow row = rules.rowsOf(appointment(BookingPriceType.fixedPrice, "10.00", "c1"),
                Map.of("b1/c1", registered("c1", "C00010")), itemRejected).get(0);
        assertThat(row.status()).isEqualTo(BookingStatus.UNMAPPED_SERVICE);
        assertThat(row.reason()).isEqualTo("service rejected: duplicate name");
    }

    @Test
    void aPriceVariesBookingOfAMatchedCustomerNeedsAPriceAndHasNoAmount() {
        BookingRow row = rules.rowsOf(appointment(BookingPriceType.priceVaries, "10.00", "c1"),
                Map.of("b1/c1", registered("c1", "C00010")), item()).get(0);

        assertThat(row.status()).isEqualTo(BookingStatus.NEEDS_PRICE);
        assertThat(row.amount()).isNull();
    }

    @Test
    void aGroupAppointmentHasOneRowPerAttendeeAndAnAttendeeListedTwiceIsOneBooking() {
        List<BookingRow> rows = rules.rowsOf(appointment(BookingPriceType.fixedPrice, "10.00", "c1", "c2", "c3",
                "c2"), Map.of("b1/c2", registered("c2", "C00020")), item());

        assertThat(rows).extracting(BookingRow::id).containsExactly("b1/a1/c1", "b1/a1/c2", "b1/a1/c3");
        assertThat(rows).extracting(BookingRow::status).containsExactly(BookingStatus.UNMATCHED_CUSTOMER,
                BookingStatus.READY, BookingStatus.UNMATCHED_CUSTOMER);
    }

    @Test
    void anOperatorsAssociationMatchesARejectedCustomerAndBillsTheBookingsNameWhenNoneIsGiven() {
        CustomerRegistration rejected = new CustomerRegistration("b1/c1", "b1", "c1", false, null, null,
                "no email address", "e1", START, CustomerPosting.UNKNOWN);
        CustomerAssociation association = new CustomerAssociation("b1/c1", "b1", "c1", "C00010", null, "cmd", "ops",
                START);
        BookingRow bare = rules.bareRowsOf(appointment(BookingPriceType.fixedPrice, "10.00", "c1")).get(0);

        BookingRow row = rules.classify(bare, rejected, association, item(), null);

        assertThat(row.status()).isEqualTo(BookingStatus.READY);
        assertThat(row.customerNo()).isEqualTo("C00010");
        assertThat(row.billToName()).isEqualTo("Name c1");
        // a registration by customer-service takes precedence over the association
        assertThat(rules.classify(bare, registered("c1", "C00020"), association, item(), null).customerNo())
                .isEqualTo("C00020");
    }

    @Test
    void aPriceGivenByAnOperatorPricesOnlyABookingWithoutItsOwnPrice() {
        PriceOverride override = new PriceOverride("b1/a1/c1", new BigDecimal("2.0000"), new BigDecimal("35.00"),
                "cmd", "ops", START);
        BookingRow varies = rules.bareRowsOf(appointment(BookingPriceType.priceVaries, "10.00", "c1")).get(0);
        BookingRow priced = rules.classify(varies, registered("c1", "C00010"), null, item(), override);
        assertThat(priced.status()).isEqualTo(BookingStatus.READY);
        assertThat(priced.amount()).isEqualByComparingTo("70.00");

        BookingRow fixed = rules.bareRowsOf(appointment(BookingPriceType.fixedPrice, "10.00", "c1")).get(0);
        assertThat(rules.classify(fixed, registered("c1", "C00010"), null, item(), override).amount())
                .isEqualByComparingTo("10.00");
    }

    @Test
    void theAppointmentsPriceWinsAndTheItemsPriceOnlyFillsAMissingOne() {
        ItemRegistration itemWithPrice = new ItemRegistration("b1/s1", "b1", "s1", true, "I-CUT", null, "e-s1", START,
                new BigDecimal("12.00"), ItemPosting.UNKNOWN);
        BookingRow own = rules.bareRowsOf(appointment(BookingPriceType.fixedPrice, "10.00", "c1")).get(0);
        assertThat(rules.classify(own, registered("c1", "C00010"), itemWithPrice).amount())
                .isEqualByComparingTo("10.00");

        BookingRow none = rules.bareRowsOf(appointment(BookingPriceType.fixedPrice, null, "c1")).get(0);
        assertThat(rules.classify(none, registered("c1", "C00010"), item()).status())
                .isEqualTo(BookingStatus.NEEDS_PRICE);
        assertThat(rules.classify(none, registered("c1", "C00010"), itemWithPrice).amount())
                .isEqualByComparingTo("12.00");

        BookingRow varies = rules.bareRowsOf(appointment(BookingPriceType.priceVaries, null, "c1")).get(0);
        assertThat(rules.classify(varies, registered("c1", "C00010"), itemWithPrice).status())
                .isEqualTo(BookingStatus.NEEDS_PRICE);
    }

    static Stream<Arguments> needsPrice() {
        return Stream.of(
                // implausible data: the reason says what is wrong
                Arguments.of(BookingPriceType.fixedPrice, "-10.00", 60, "negative price -10.00 in Bookings"),
                Arguments.of(BookingPriceType.startingAt, "-25.50", 60, "negative price -25.50 in Bookings"),
                Arguments.of(BookingPriceType.hourly, "-40.00", 60, "negative price -40.00 in Bookings"),
                Arguments.of(BookingPriceType.hourly, "40.00", 0, "hourly booking of 0 minutes"),
                Arguments.of(BookingPriceType.hourly, "40.00", -15, "hourly booking of -15 minutes"),
                // the other needs-price rows keep their reason
                Arguments.of(BookingPriceType.priceVaries, "-10.00", 60, "needs a price (priceVaries)"),
                Arguments.of(BookingPriceType.notSet, null, 0, "needs a price (notSet, no price)"),
                Arguments.of(BookingPriceType.fixedPrice, null, 60, "needs a price (fixedPrice, no price)"));
    }

    @ParameterizedTest(name = "{0} at {1} for {2} min: {3}")
    @MethodSource("needsPrice")
    void aBookingWithoutABillablePriceNeedsOneWithTheReasonAndAnOperatorsPricePricesIt(BookingPriceType type,
            String price, long minutes, String reason) {
        BookingRow bare = rules.bareRowsOf(appointment(type, price, minutes, "c1")).get(0);

        BookingRow row = rules.classify(bare, registered("c1", "C00010"), null, item(), null);

        assertThat(row.status()).isEqualTo(BookingStatus.NEEDS_PRICE);
        assertThat(row.reason()).isEqualTo(reason);
        assertThat(row.amount()).isNull();
        assertThat(row.unitPrice()).isNull();

        // SetBookingPrice: 1 x 35.00
        PriceOverride override = new PriceOverride(bare.id(), new BigDecimal("1.0000"), new BigDecimal("35.00"),
                "cmd", "ops", START);
        BookingRow priced = rules.classify(bare, registered("c1", "C00010"), null, item(), override);
        assertThat(priced.status()).isEqualTo(BookingStatus.READY);
        assertThat(priced.reason()).isNull();
        assertThat(priced.amount()).isEqualTo(new BigDecimal("35.00"));
    }

    @Test
    void aRowKeepsItsLocalDateThroughRecomputationsAndAStoredRowWithoutOneGetsIt() {
        // 23:00 UTC on 2 March is 08:00 on 3 March in Tokyo (UTC+9)
        Appointment tokyo = new Appointment("b1", "a1", "r1", START, "s1", "Haircut",
                Instant.parse("2026-03-02T23:00:00Z"), Instant.parse("2026-03-02T23:30:00Z"), "Tokyo Standard Time",
                BookingPriceType.fixedPrice, new BigDecimal("10.00"), "EUR",
                List.of(new Attendee("c1", "Name c1", "c1@example.com")));
        BookingRow bare = rules.bareRowsOf(tokyo).get(0);
        assertThat(bare.localDate()).isEqualTo("2026-03-03");
        assertThat(bare.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(rules.classify(bare, registered("c1", "C00010"), item()).localDate()).isEqualTo("2026-03-03");

        BookingRow storedBefore = new BookingRow(bare.id(), bare.businessId(), bare.appointmentId(),
                bare.bookingsCustomerId(), bare.start(), bare.end(), bare.durationMinutes(), "Tokyo Standard Time",
                null, bare.serviceId(), bare.serviceName(), null, bare.customerName(), bare.customerEmail(), null,
                null, bare.priceType(), bare.price(), bare.currency(), null, null, null, bare.revision(), null, null);
        BookingRow recomputed = rules.classify(storedBefore, registered("c1", "C00010"), item());
        assertThat(recomputed.localDate()).isEqualTo("2026-03-03");
        assertThat(recomputed.timeZone()).isEqualTo("Asia/Tokyo");
    }

    private static Appointment appointment(BookingPriceType type, String price, String... customers) {
        return appointment(type, price, 90, customers);
    }

    private static Appointment appointment(BookingPriceType type, String price, long minutes, String... customers) {
        return new Appointment("b1", "a1", "r1", START, "s1", "Haircut", START, START.plusSeconds(minutes * 60), null,
                type, price == null ? null : new BigDecimal(price), "EUR", java.util.Arrays.stream(customers)
                        .map(c -> new Attendee(c, "Name " + c, c + "@example.com")).toList());
    }

    private static CustomerRegistration registered(String bookingsCustomerId, String customerNo) {
        return new CustomerRegistration("b1/" + bookingsCustomerId, "b1", bookingsCustomerId, true, customerNo,
                "Customer " + customerNo, null, "e-" + bookingsCustomerId, START, CustomerPosting.UNKNOWN);
    }

    private static ItemRegistration item() {
        return new ItemRegistration("b1/s1", "b1", "s1", true, "I-CUT", null, "e-s1", START, null, ItemPosting.UNKNOWN);
    }
}
