package dev.bookingsinvoicing.customers.registration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Business Central's customer template: the defaults a new customer gets (posting groups, payment terms, currency,
 * country...). Only {@code code} and the posting groups are required; an empty currency means local currency.
 */
public record CustomerTemplate(
        @NotBlank(message = "bookings.customers.template.code is required") String code,
        @NotBlank(message = "bookings.customers.template.customer-posting-group is required") String customerPostingGroup,
        @NotBlank(message = "bookings.customers.template.gen-bus-posting-group is required") String genBusPostingGroup,
        @NotBlank(message = "bookings.customers.template.vat-bus-posting-group is required") String vatBusPostingGroup,
        String paymentTermsCode,
        String paymentMethodCode,
        @Pattern(regexp = "|[A-Z]{3}", message = "currency-code must be an ISO 4217 code such as EUR, or empty for local currency") String currencyCode,
        @Pattern(regexp = "|[A-Z]{2}", message = "country-region-code must be a two-letter code such as DK, or empty") String countryRegionCode,
        String languageCode,
        @DefaultValue("false") boolean pricesIncludingVat) {
}
