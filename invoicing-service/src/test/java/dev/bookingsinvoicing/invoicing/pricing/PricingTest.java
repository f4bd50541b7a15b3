package dev.bookingsinvoicing.invoicing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PricingTest {

    private final Pricing pricing = new Pricing();

    @Test
    void aThirtyMinuteFixedPriceBookingAtTenIsInvoicedAtTenNotFiveAsBusinessCentralWould() {
        Price price = pricing.price(BookingPriceType.fixedPrice, new BigDecimal("10.00"), 30, "EUR").orElseThrow();

        assertThat(price.quantity()).isEqualByComparingTo("1").hasScaleOf(5);
        assertThat(price.unitPrice()).isEqualTo(new BigDecimal("10.00"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void aNinetyMinuteHourlyBookingAtFortyPerHourIsInvoicedAtSixty() {
        Price price = pricing.price(BookingPriceType.hourly, new BigDecimal("40.00"), 90, "EUR").orElseThrow();

        assertThat(price.quantity()).isEqualTo(new BigDecimal("1.50000"));
        assertThat(price.unitPrice()).isEqualTo(new BigDecimal("40.00"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("60.00"));
    }

    @Test
    void hourlyAmountsComeFromTheMinutesRoundedOnceAndQuantitiesKeepFiveDecimals() {
        // rounding the quantity first would give 0.6667 x 150.00 = 100.01 and 0.3333 x 1000.00 = 333.30
        Price forty = pricing.price(BookingPriceType.hourly, new BigDecimal("150.00"), 40, "EUR").orElseThrow();
        assertThat(forty.quantity()).isEqualTo(new BigDecimal("0.66667"));
        assertThat(forty.amount()).isEqualTo(new BigDecimal("100.00"));

        Price twenty = pricing.price(BookingPriceType.hourly, new BigDecimal("1000.00"), 20, "EUR").orElseThrow();
        assertThat(twenty.quantity()).isEqualTo(new BigDecimal("0.33333"));
        assertThat(twenty.amount()).isEqualTo(new BigDecimal("333.33"));

        // 45 minutes x 0.10 / 60 = 0.075 -> HALF_UP 0.08
        Price half = pricing.price(BookingPriceType.hourly, new BigDecimal("0.10"), 45, "EUR").orElseThrow();
        assertThat(half.amount()).isEqualTo(new BigDecimal("0.08"));
    }

    /** Prices in minor units (an integer) per currency: the oracle below works in integers only. */
    static Stream<Arguments> currencies() {
        return Stream.of(
                Arguments.of("JPY", 0, new long[] { 1, 7, 999, 1500, 12000 }),
                Arguments.of("EUR", 2, new long[] { 1, 10, 2500, 3333, 15000, 100000 }),
                Arguments.of("KWD", 3, new long[] { 1, 125, 12345, 150000, 999999 }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currencies")
    void everyDurationFromOneToSixHundredMinutesIsBilledExactlyInTheCurrencysMinorUnits(String currency, int minorUnits,
            long[] pricesInMinorUnits) {
        for (long price : pricesInMinorUnits) {
            for (long minutes = 1; minutes <= 600; minutes++) {
                Price billed = pricing.price(BookingPriceType.hourly, BigDecimal.valueOf(price, minorUnits), minutes,
                        currency).orElseThrow();

                // oracle, in integers: minutes x price / 60 rounded half up = floor((2 m p + 60) / 120)
                long amountInMinorUnits = Math.floorDiv(2 * minutes * price + 60, 120);
                long quantityInHundredThousandths = Math.floorDiv(2 * minutes * 100_000 + 60, 120);
                String at = minutes + " min at " + BigDecimal.valueOf(price, minorUnits) + " " + currency;
                assertThat(billed.amount()).as(at).isEqualTo(BigDecimal.valueOf(amountInMinorUnits, minorUnits));
                assertThat(billed.quantity()).as(at).isEqualTo(BigDecimal.valueOf(quantityInHundredThousandths, 5));
                assertThat(billed.unitPrice()).as(at).isEqualTo(BigDecimal.valueOf(price, minorUnits));
            }
        }
    }

    @Test
    void fixedPricesAndHandGivenPricesAreRoundedToTheCurrencysMinorUnits() {
        assertThat(pricing.price(BookingPriceType.fixedPrice, new BigDecimal("1500"), 30, "JPY").orElseThrow().amount())
                .isEqualTo(new BigDecimal("1500"));
        assertThat(pricing.price(BookingPriceType.fixedPrice, new BigDecimal("12.345"), 30, "KWD").orElseThrow()
                .amount()).isEqualTo(new BigDecimal("12.345"));
        // a price with more decimals than the currency keeps them as the unit price; the amount is rounded once
        Price eur = pricing.price(BookingPriceType.fixedPrice, new BigDecimal("12.345"), 30, "EUR").orElseThrow();
        assertThat(eur.unitPrice()).isEqualTo(new BigDecimal("12.345"));
        assertThat(eur.amount()).isEqualTo(new BigDecimal("12.35"));
        // 3 x 0.3335 KWD = 1.0005 -> 1.001; in JPY 3 x 333.5 = 1000.5 -> 1001
        assertThat(pricing.given(new BigDecimal("3"), new BigDecimal("0.3335"), "KWD").amount())
                .isEqualTo(new BigDecimal("1.001"));
        assertThat(pricing.given(new BigDecimal("3"), new BigDecimal("333.5"), "JPY").amount())
                .isEqualTo(new BigDecimal("1001"));
    }

    @Test
    void minorUnitsAreTheCurrencysAndTwoForCodesJavaDoesNotKnow() {
        assertThat(Pricing.minorUnits("JPY")).isZero();
        assertThat(Pricing.minorUnits("EUR")).isEqualTo(2);
        assertThat(Pricing.minorUnits("KWD")).isEqualTo(3);
        assertThat(Pricing.minorUnits("eur")).isEqualTo(2);
        assertThat(Pricing.minorUnits("XXQ")).isEqualTo(2);
        assertThat(Pricing.minorUnits(null)).isEqualTo(2);
    }

    @Test
    void startingAtIsBilledOnceAtThePrice() {
        Price price = pricing.price(BookingPriceType.startingAt, new BigDecimal("35.50"), 120, "EUR").orElseThrow();

        assertThat(price.quantity()).isEqualTo(new BigDecimal("1.00000"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("35.50"));
    }

    @Test
    void freeIsOneAtZeroEvenWithAPrice() {
        Price price = pricing.price(BookingPriceType.free, new BigDecimal("99.00"), 60, "EUR").orElseThrow();

        assertThat(price.unitPrice()).isEqualTo(new BigDecimal("0.00"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @ParameterizedTest
    @EnumSource(names = { "priceVaries", "callUs", "notSet", "undefined" })
    void typesWithoutAUsablePriceNeedAPrice(BookingPriceType type) {
        assertThat(pricing.price(type, new BigDecimal("10.00"), 60, "EUR")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = { "fixedPrice", "startingAt", "hourly" })
    void aPricedTypeWithoutAPriceNeedsAPrice(BookingPriceType type) {
        assertThat(pricing.price(type, null, 60, "EUR")).isEmpty();
    }

    static Stream<Arguments> implausible() {
        return Stream.of(
                Arguments.of(BookingPriceType.fixedPrice, "-10.00", 30, "negative price -10.00 in Bookings"),
                Arguments.of(BookingPriceType.startingAt, "-0.5", 60, "negative price -0.50 in Bookings"),
                Arguments.of(BookingPriceType.hourly, "-40.00", 90, "negative price -40.00 in Bookings"),
                // both wrong: the price is named first
                Arguments.of(BookingPriceType.hourly, "-40.00", 0, "negative price -40.00 in Bookings"),
                Arguments.of(BookingPriceType.hourly, "40.00", 0, "hourly booking of 0 minutes"),
                Arguments.of(BookingPriceType.hourly, "40.00", -30, "hourly booking of -30 minutes"),
                // no price and no minutes: the minutes are what an operator has to look at
                Arguments.of(BookingPriceType.hourly, null, 0, "hourly booking of 0 minutes"));
    }

    @ParameterizedTest(name = "{0} at {1} for {2} min: {3}")
    @MethodSource("implausible")
    void implausibleBookingsGetNoPriceButTheReason(BookingPriceType type, String price, long minutes, String reason) {
        Quote quote = pricing.quote(type, price == null ? null : new BigDecimal(price), minutes, "EUR");

        assertThat(quote.priced()).isEmpty();
        assertThat(quote.implausible()).isEqualTo(reason);
        assertThat(pricing.price(type, price == null ? null : new BigDecimal(price), minutes, "EUR")).isEmpty();
    }

    static Stream<Arguments> plausible() {
        return Stream.of(
                // a zero price is a price; a fixed price does not depend on the minutes
                Arguments.of(BookingPriceType.fixedPrice, "0.00", 30, "0.00"),
                Arguments.of(BookingPriceType.fixedPrice, "10.00", 0, "10.00"),
                Arguments.of(BookingPriceType.hourly, "0.00", 60, "0.00"),
                // 1 min x 40.00 / 60 = 0.666... -> 0.67
                Arguments.of(BookingPriceType.hourly, "40.00", 1, "0.67"),
                // free ignores whatever price Bookings has, even a negative one
                Arguments.of(BookingPriceType.free, "-10.00", 0, "0.00"));
    }

    @ParameterizedTest(name = "{0} at {1} for {2} min: {3}")
    @MethodSource("plausible")
    void plausibleEdgesArePricedAndNeverBelowZero(BookingPriceType type, String price, long minutes, String amount) {
        Quote quote = pricing.quote(type, new BigDecimal(price), minutes, "EUR");

        assertThat(quote.implausible()).isNull();
        assertThat(quote.price().amount()).isEqualTo(new BigDecimal(amount)).isNotNegative();
    }

    @ParameterizedTest
    @EnumSource(names = { "priceVaries", "callUs", "notSet", "undefined" })
    void aNegativePriceOfATypeWhosePriceIsNotBilledStillSimplyNeedsAPrice(BookingPriceType type) {
        Quote quote = pricing.quote(type, new BigDecimal("-10.00"), 60, "EUR");

        assertThat(quote.priced()).isEmpty();
        assertThat(quote.implausible()).isNull();
    }

    @Test
    void unknownPriceTypeNamesReadAsUndefined() {
        assertThat(BookingPriceType.of("somethingNew")).isEqualTo(BookingPriceType.undefined);
        assertThat(BookingPriceType.of(null)).isEqualTo(BookingPriceType.undefined);
    }
}
