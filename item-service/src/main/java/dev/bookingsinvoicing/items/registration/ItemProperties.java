package dev.bookingsinvoicing.items.registration;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * Settings under {@code bookings.items}: the item templates seeded into MongoDB (inserted when absent, so changes
 * made over the API survive a restart), the template services become items from, which services are accepted, and
 * the number series of the items.
 *
 * @param templates       item templates (type Service) seeded into MongoDB when absent, then managed over the API
 * @param defaultTemplate the template every new item is created from; it must exist
 * @param filter          which Bookings services may become items
 * @param numberSeries    the series item numbers are drawn from
 */
@Validated
@ConfigurationProperties("bookings.items")
public record ItemProperties(@Valid @NotNull @DefaultValue List<ItemTemplate> templates,
        @NotBlank(message = "bookings.items.default-template is required") String defaultTemplate,
        @Valid @NotNull @DefaultValue Filter filter, @Valid @NotNull @DefaultValue NumberSeriesSettings numberSeries) {

    /**
     * BC's item filter, on the item a service would become: whether services hidden from customers in Bookings are
     * included, and accepted values (trimmed, case-insensitive, {@code *} wildcards and {@code from..to} ranges; an
     * empty list accepts any) of unit of measure, posting groups and tax group.
     *
     * @param includeHidden       whether services hidden from customers in Bookings become items
     * @param unitOfMeasure       accepted base units of measure
     * @param genProdPostingGroup accepted general product posting groups
     * @param vatProdPostingGroup accepted VAT product posting groups
     * @param taxGroup            accepted tax groups
     */
    public record Filter(@DefaultValue("true") boolean includeHidden, @DefaultValue List<String> unitOfMeasure,
            @DefaultValue List<String> genProdPostingGroup, @DefaultValue List<String> vatProdPostingGroup,
            @DefaultValue List<String> taxGroup) {

        public static Filter acceptAll() {
            return new Filter(true, List.of(), List.of(), List.of(), List.of());
        }
    }

    /**
     * SVC0010, SVC0020, ...: prefix, zero-padded digits, and the step BC leaves for inserting numbers later.
     *
     * @param prefix the letters before the digits
     * @param digits the zero-padded width of the number: raise it when the series runs out
     * @param step   the gap between two numbers
     * @param warnAt the share of the series used from which a WARN is logged and health is DEGRADED
     */
    public record NumberSeriesSettings(@NotBlank @DefaultValue("SVC") String prefix,
            @Min(1) @Max(18) @DefaultValue("4") int digits, @Min(1) @DefaultValue("10") int step,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @DefaultValue("0.9") double warnAt) {

        /** At least one number must fit, else not one service could ever become an item. */
        @AssertTrue(message = "bookings.items.number-series.step must be smaller than 10^digits")
        public boolean isStepWithinDigits() {
            return NumberSeries.stepFits(digits, step);
        }

        /** The series that formats item numbers; its warnings and errors name the setting that widens it. */
        public NumberSeries numbers() {
            return new NumberSeries("item", prefix, digits, step, warnAt, "bookings.items.number-series.digits");
        }
    }
}
