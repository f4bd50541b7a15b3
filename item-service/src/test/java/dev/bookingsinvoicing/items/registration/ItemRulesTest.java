package dev.bookingsinvoicing.items.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ItemRulesTest {

    private static final ItemTemplate TEMPLATE = new ItemTemplate("SVC", "Service", "HOUR", "SERVICES", "VAT25", null, true);

    @Test
    void hiddenServicesAreRejectedOnlyWhenExcluded() {
        BookingsService hidden = service("Private consult", new BigDecimal("50"), true);

        assertThat(new ItemFilter(new ItemProperties.Filter(true)).check(hidden)).isEmpty();
        assertThat(new ItemFilter(new ItemProperties.Filter(false)).check(hidden)).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo("hidden-from-customers");
            assertThat(r.reason()).contains("Private consult").contains("include-hidden is false");
        });
        assertThat(new ItemFilter(new ItemProperties.Filter(false)).check(service("Haircut", null, false))).isEmpty();
    }

    @Test
    void itemNumbersFollowTheSeriesFormat() {
        ItemNumbers numbers = new ItemNumbers(new ItemProperties.NumberSeries("SVC", 4, 10));

        assertThat(numbers.format(10)).isEqualTo("SVC0010");
        assertThat(numbers.format(20)).isEqualTo("SVC0020");
    }

    @Test
    void theUnitPriceIsTheBookingsPriceAtScaleTwoUnlessTheTemplateSaysOtherwise() {
        ItemRegistrar takesPrices = new ItemRegistrar(null, TEMPLATE, null, null);
        ItemRegistrar leavesPrices = new ItemRegistrar(null,
                new ItemTemplate("SVC", "Service", "HOUR", "SERVICES", "VAT25", null, false), null, null);

        assertThat(takesPrices.unitPrice(service("Haircut", new BigDecimal("25"), false))).isEqualByComparingTo("25.00")
                .hasToString("25.00");
        assertThat(takesPrices.unitPrice(service("Haircut", null, false))).isNull();
        assertThat(leavesPrices.unitPrice(service("Haircut", new BigDecimal("25"), false))).isNull();
    }

    @Test
    void displayNamesCompareTrimmedAndCaseInsensitively() {
        assertThat(ServiceNames.normalise("  Hair  Cut ")).isEqualTo(ServiceNames.normalise("hair cut"));
    }

    @Test
    void theSameRegistrationHasTheSameEventIdAndAChangedPriceANewOne() {
        RegistrationOutcome.Registered first = new RegistrationOutcome.Registered("b", "s", "SVC0010", "Haircut",
                new BigDecimal("25.00"), "HOUR", "SVC");
        RegistrationOutcome.Registered again = new RegistrationOutcome.Registered("b", "s", "SVC0010", "Haircut",
                new BigDecimal("25.00"), "HOUR", "SVC");
        RegistrationOutcome.Registered repriced = new RegistrationOutcome.Registered("b", "s", "SVC0010", "Haircut",
                new BigDecimal("30.00"), "HOUR", "SVC");

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(repriced.eventId()).isNotEqualTo(first.eventId());
    }

    private static BookingsService service(String name, BigDecimal price, boolean hidden) {
        return new BookingsService("salon@example.com", "s-1", name, "fixedPrice", price, "EUR", hidden);
    }
}
