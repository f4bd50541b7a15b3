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
        Price price = pricing.price(BookingPriceType.fixedPrice, new BigDecimal("10.00"), 30).orElseThrow();

        assertThat(price.quantity()).isEqualByComparingTo("1").hasScaleOf(4);
        assertThat(price.unitPrice()).isEqualTo(new BigDecimal("10.00"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void aNinetyMinuteHourlyBookingAtFortyPerHourIsInvoicedAtSixty() {
        Price price = pricing.price(BookingPriceType.hourly, new BigDecimal("40.00"), 90).orElseThrow();

        assertThat(price.quantity()).isEqualTo(new BigDecimal("1.5000"));
        assertThat(price.unitPrice()).isEqualTo(new BigDecimal("40.00"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("60.00"));
    }

    @Test
    void hourlyQuantityHasFourDecimalsAndTheAmountIsRoundedHalfUp() {
        // 20 minutes = 0.3333 h; 0.3333 x 25.00 = 8.3325 -> 8.33; 50 min = 0.8333 h x 0.03 = 0.024999 -> 0.02
        Price twenty = pricing.price(BookingPriceType.hourly, new BigDecimal("25.00"), 20).orElseThrow();
        assertThat(twenty.quantity()).isEqualTo(new BigDecimal("0.3333"));
        assertThat(twenty.amount()).isEqualTo(new BigDecimal("8.33"));

        // 45 minutes = 0.7500 h x 0.10 = 0.075 -> HALF_UP 0.08
        Price half = pricing.price(BookingPriceType.hourly, new BigDecimal("0.10"), 45).orElseThrow();
        assertThat(half.amount()).isEqualTo(new BigDecimal("0.08"));
    }

    @Test
    void startingAtIsBilledOnceAtThePrice() {
        Price price = pricing.price(BookingPriceType.startingAt, new BigDecimal("35.50"), 120).orElseThrow();

        assertThat(price.quantity()).isEqualTo(new BigDecimal("1.0000"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("35.50"));
    }

    @Test
    void freeIsOneAtZeroEvenWithAPrice() {
        Price price = pricing.price(BookingPriceType.free, new BigDecimal("99.00"), 60).orElseThrow();

        assertThat(price.unitPrice()).isEqualTo(new BigDecimal("0.00"));
        assertThat(price.amount()).isEqualTo(new BigDecimal("0.00"));
    }

    @ParameterizedTest
    @EnumSource(names = { "priceVaries", "callUs", "notSet", "undefined" })
    void typesWithoutAUsablePriceNeedAPrice(BookingPriceType type) {
        assertThat(pricing.price(type, new BigDecimal("10.00"), 60)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(names = { "fixedPrice", "startingAt", "hourly" })
    void aPricedTypeWithoutAPriceNeedsAPrice(BookingPriceType type) {
        assertThat(pricing.price(type, null, 60)).isEmpty();
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
        Quote quote = pricing.quote(type, price == null ? null : new BigDecimal(price), minutes);

        assertThat(quote.priced()).isEmpty();
        assertThat(quote.implausible()).isEqualTo(reason);
        assertThat(pricing.price(type, price == null ? null : new BigDecimal(price), minutes)).isEmpty();
    }

    static Stream<Arguments> plausible() {
        return Stream.of(
                // a zero price is a price; a fixed price does not depend on the minutes
                Arguments.of(BookingPriceType.fixedPrice, "0.00", 30, "0.00"),
                Arguments.of(BookingPriceType.fixedPrice, "10.00", 0, "10.00"),
                Arguments.of(BookingPriceType.hourly, "0.00", 60, "0.00"),
                // 1 min = 0.0167 h (four decimals); 0.0167 x 40.00 = 0.668 -> 0.67
                Arguments.of(BookingPriceType.hourly, "40.00", 1, "0.67"),
                // free ignores whatever price Bookings has, even a negative one
                Arguments.of(BookingPriceType.free, "-10.00", 0, "0.00"));
    }

    @ParameterizedTest(name = "{0} at {1} for {2} min: {3}")
    @MethodSource("plausible")
    void plausibleEdgesArePricedAndNeverBelowZero(BookingPriceType type, String price, long minutes, String amount) {
        Quote quote = pricing.quote(type, new BigDecimal(price), minutes);

        assertThat(quote.implausible()).isNull();
        assertThat(quote.price().amount()).isEqualTo(new BigDecimal(amount)).isNotNegative();
    }

    @ParameterizedTest
    @EnumSource(names = { "priceVaries", "callUs", "notSet", "undefined" })
    void aNegativePriceOfATypeWhosePriceIsNotBilledStillSimplyNeedsAPrice(BookingPriceType type) {
        Quote quote = pricing.quote(type, new BigDecimal("-10.00"), 60);

        assertThat(quote.priced()).isEmpty();
        assertThat(quote.implausible()).isNull();
    }

    @Test
    void unknownPriceTypeNamesReadAsUndefined() {
        assertThat(BookingPriceType.of("somethingNew")).isEqualTo(BookingPriceType.undefined);
        assertThat(BookingPriceType.of(null)).isEqualTo(BookingPriceType.undefined);
    }
}
