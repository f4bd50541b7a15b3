package dev.bookingsinvoicing.customers.registration;

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
 * Settings under {@code bookings.customers}: which Bookings customers may become customers, the templates seeded
 * into MongoDB (inserted when absent, so changes made over the API survive a restart), the template new customers
 * are created from, and the number series they are numbered from.
 *
 * @param filter          which Bookings customers may become customers (beyond having an email)
 * @param templates       customer templates seeded into MongoDB when absent, then managed over the API
 * @param defaultTemplate the template every new customer is created from; it must exist
 * @param numberSeries    the series customer numbers are drawn from
 */
@Validated
@ConfigurationProperties("bookings.customers")
public record CustomerProperties(@Valid @NotNull @DefaultValue Filter filter,
        @Valid @NotNull @DefaultValue List<CustomerTemplate> templates,
        @NotBlank(message = "bookings.customers.default-template is required") String defaultTemplate,
        @Valid @NotNull @DefaultValue NumberSeriesSettings numberSeries) {

    /**
     * BC's customer filter beyond the email rule. Each list holds accepted values, compared trimmed and
     * case-insensitively; a value may use {@code *} as a wildcard or {@code from..to} as a range, like BC filters.
     * An empty list accepts any value.
     *
     * @param city       accepted cities
     * @param state      accepted counties or states
     * @param postalCode accepted postal codes
     * @param country    accepted countries (Bookings' country, else the template's country-region code)
     */
    public record Filter(@DefaultValue List<String> city, @DefaultValue List<String> state,
            @DefaultValue List<String> postalCode, @DefaultValue List<String> country) {

        public static Filter acceptAll() {
            return new Filter(List.of(), List.of(), List.of(), List.of());
        }
    }

    /**
     * C00010, C00020, ...: prefix, zero-padded digits (the width: raise it when the series runs out), the step BC
     * leaves for inserting numbers later, and the share of the series used from which operators are warned.
     *
     * @param prefix the letters before the digits
     * @param digits the zero-padded width of the number: raise it when the series runs out
     * @param step   the gap between two numbers
     * @param warnAt the share of the series used from which a WARN is logged and health is DEGRADED
     */
    public record NumberSeriesSettings(@NotBlank @DefaultValue("C") String prefix,
            @Min(1) @Max(18) @DefaultValue("5") int digits, @Min(1) @DefaultValue("10") int step,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @DefaultValue("0.9") double warnAt) {

        /** At least one number must fit, else not one customer could ever be registered. */
        @AssertTrue(message = "bookings.customers.number-series.step must be smaller than 10^digits")
        public boolean isStepWithinDigits() {
            return NumberSeries.stepFits(digits, step);
        }

        /** The series that formats customer numbers; its warnings and errors name the setting that widens it. */
        public NumberSeries numbers() {
            return new NumberSeries("customer", prefix, digits, step, warnAt,
                    "bookings.customers.number-series.digits");
        }
    }
}
