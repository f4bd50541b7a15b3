package dev.bookingsinvoicing.invoicing.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @Test
    void unknownPriceTypeNamesReadAsUndefined() {
        assertThat(BookingPriceType.of("somethingNew")).isEqualTo(BookingPriceType.undefined);
        assertThat(BookingPriceType.of(null)).isEqualTo(BookingPriceType.undefined);
    }
}
