package dev.bookingsinvoicing.items.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.registration.Rejection;
import dev.bookingsinvoicing.service.registration.NumberSeries;

class ItemRulesTest {

    static final ItemTemplate TEMPLATE = new ItemTemplate("SVC", null, "Service", "HOUR", "SERVICES", "VAT25", null, true);

    @Test
    void hiddenServicesAreRejectedOnlyWhenExcluded() {
        BookingsService hidden = service("Private consult", new BigDecimal("50"), true);

        assertThat(new ItemFilter(ItemProperties.Filter.acceptAll()).check(hidden, TEMPLATE)).isEmpty();
        assertThat(new ItemFilter(EXCLUDE_HIDDEN).check(hidden, TEMPLATE)).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo("hidden-from-customers");
            assertThat(r.reason()).contains("Private consult").contains("include-hidden is false");
        });
        assertThat(new ItemFilter(EXCLUDE_HIDDEN).check(service("Haircut", null, false), TEMPLATE)).isEmpty();
    }

    @Test
    void theItemFilterAppliesToTheUnitOfMeasurePostingGroupsAndTaxGroupTheItemWouldGet() {
        BookingsService haircut = service("Haircut", new BigDecimal("25"), false);
        ItemTemplate taxed = new ItemTemplate("SVC-US", null, "Service", "HOUR", "SERVICES", "NOVAT", "LABOR", true);

        assertThat(new ItemFilter(new ItemProperties.Filter(true, List.of("H*"), List.of("SERVICES"), List.of("VAT25", "NOVAT"),
                List.of())).check(haircut, taxed)).isEmpty();
        assertThat(new ItemFilter(new ItemProperties.Filter(true, List.of("PCS"), List.of(), List.of(), List.of()))
                .check(haircut, TEMPLATE)).hasValueSatisfying(r -> {
                    assertThat(r.rule()).isEqualTo("unit-of-measure-filter");
                    assertThat(r.reason()).isEqualTo("the item would have unit of measure 'HOUR' (from item template SVC); "
                            + "the item filter accepts only PCS");
                });
        assertThat(new ItemFilter(new ItemProperties.Filter(true, List.of(), List.of("RETAIL"), List.of(), List.of()))
                .check(haircut, TEMPLATE)).map(Rejection::rule).contains("gen-prod-posting-group-filter");
        assertThat(new ItemFilter(new ItemProperties.Filter(true, List.of(), List.of(), List.of("NOVAT"), List.of()))
                .check(haircut, TEMPLATE)).map(Rejection::rule).contains("vat-prod-posting-group-filter");
        assertThat(new ItemFilter(new ItemProperties.Filter(true, List.of(), List.of(), List.of(), List.of("LABOR")))
                .check(haircut, TEMPLATE)).hasValueSatisfying(r -> assertThat(r.reason()).contains("no tax group"));
    }

    @Test
    void itemNumbersFollowTheSeriesFormat() {
        NumberSeries numbers = new NumberSeries("item", "SVC", 4, 10);

        assertThat(numbers.format(10)).isEqualTo("SVC0010");
        assertThat(numbers.format(20)).isEqualTo("SVC0020");
    }

    @Test
    void theUnitPriceIsTheBookingsPriceAtScaleTwoUnlessTheTemplateSaysOtherwise() {
        ItemTemplate leavesPrices = new ItemTemplate("SVC", null, "Service", "HOUR", "SERVICES", "VAT25", null, false);

        assertThat(ItemRegistrar.unitPrice(service("Haircut", new BigDecimal("25"), false), TEMPLATE))
                .isEqualByComparingTo("25.00").hasToString("25.00");
        assertThat(ItemRegistrar.unitPrice(service("Haircut", null, false), TEMPLATE)).isNull();
        assertThat(ItemRegistrar.unitPrice(service("Haircut", new BigDecimal("25"), false), leavesPrices)).isNull();
    }

    @Test
    void displayNamesCompareTrimmedAndCaseInsensitively() {
        assertThat(ServiceNames.normalise("  Hair  Cut ")).isEqualTo(ServiceNames.normalise("hair cut"));
    }

    @Test
    void theSameRegistrationHasTheSameEventIdAndAChangedPriceOrHistoryANewOne() {
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        RegistrationOutcome.Registered first = RegistrationOutcome.Registered.of(at, null, "b", "s", "SVC0010", "Haircut",
                new BigDecimal("25.00"), "SVC", POSTING);
        RegistrationOutcome.Registered again = RegistrationOutcome.Registered.of(at, null, "b", "s", "SVC0010", "Haircut",
                new BigDecimal("25.00"), "SVC", POSTING);
        RegistrationOutcome.Registered repriced = RegistrationOutcome.Registered.of(at, null, "b", "s", "SVC0010", "Haircut",
                new BigDecimal("30.00"), "SVC", POSTING);

        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(repriced.eventId()).isNotEqualTo(first.eventId());
        assertThat(RegistrationOutcome.Updated.of(at, "e1", "b", "s", "SVC0010", "Haircut", null, List.of("unitPrice"), POSTING).eventId())
                .isNotEqualTo(RegistrationOutcome.Updated.of(at, "e3", "b", "s", "SVC0010", "Haircut", null, List.of("unitPrice"), POSTING).eventId());
    }

    private static final RegistrationOutcome.Posting POSTING = new RegistrationOutcome.Posting("HOUR", "SERVICES",
            "VAT25");

    private static final ItemProperties.Filter EXCLUDE_HIDDEN = new ItemProperties.Filter(false, List.of(), List.of(),
            List.of(), List.of());

    private static BookingsService service(String name, BigDecimal price, boolean hidden) {
        return new BookingsService("salon@example.com", "s-1", name, "fixedPrice", price, "EUR", hidden);
    }
}
