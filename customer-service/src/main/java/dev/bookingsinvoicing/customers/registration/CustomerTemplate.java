package dev.bookingsinvoicing.customers.registration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.bookingsinvoicing.registration.Template;

/**
 * Business Central's customer template: the defaults a new customer gets (posting groups, payment terms, currency,
 * country...). Only {@code code} and the posting groups are required; an empty currency means local currency.
 */
public record CustomerTemplate(
        @NotBlank(message = "code is required")
        @Size(max = 20, message = "code must be at most 20 characters")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]*", message = "code may hold letters, digits, space, '.', '_' and '-'")
        String code,
        String description,
        @NotBlank(message = "customer-posting-group is required") String customerPostingGroup,
        @NotBlank(message = "gen-bus-posting-group is required") String genBusPostingGroup,
        @NotBlank(message = "vat-bus-posting-group is required") String vatBusPostingGroup,
        String paymentTermsCode,
        String paymentMethodCode,
        @Pattern(regexp = "|[A-Z]{3}", message = "currency-code must be an ISO 4217 code such as EUR, or empty for local currency") String currencyCode,
        @Pattern(regexp = "|[A-Z]{2}", message = "country-region-code must be a two-letter code such as DK, or empty") String countryRegionCode,
        String languageCode,
        @DefaultValue("false") Boolean pricesIncludingVat) implements Template {

    public CustomerTemplate {
        // left out (of a request body, say): prices exclude VAT, as in the configuration
        pricesIncludingVat = pricesIncludingVat != null && pricesIncludingVat;
    }
}
