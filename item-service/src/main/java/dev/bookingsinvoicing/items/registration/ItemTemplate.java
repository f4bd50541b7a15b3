package dev.bookingsinvoicing.items.registration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.bookingsinvoicing.registration.Template;

/**
 * Business Central's item template for Bookings services. Bookings services are work, not stock, so the
 * template must have type Service; any other type is refused the moment a template is made: when the configuration
 * is bound (start-up), when one is saved over the API, when one is read from MongoDB.
 */
public record ItemTemplate(
        @NotBlank(message = "code is required")
        @Size(max = 20, message = "code must be at most 20 characters")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]*", message = "code may hold letters, digits, space, '.', '_' and '-'")
        String code,
        String description,
        @NotBlank(message = "type is required (Service)") String type,
        @NotBlank(message = "base-unit-of-measure is required (e.g. HOUR or PCS)") String baseUnitOfMeasure,
        @NotBlank(message = "gen-prod-posting-group is required") String genProdPostingGroup,
        @NotBlank(message = "vat-prod-posting-group is required") String vatProdPostingGroup,
        String taxGroupCode,
        @DefaultValue("true") Boolean useBookingsPriceAsUnitPrice) implements Template {

    public static final String SERVICE = "Service";

    public ItemTemplate {
        // left out (of a request body, say): Bookings prices become unit prices, as in the configuration
        useBookingsPriceAsUnitPrice = useBookingsPriceAsUnitPrice == null || useBookingsPriceAsUnitPrice;
        if (type != null && !type.isBlank() && !SERVICE.equalsIgnoreCase(type.trim())) {
            throw new InvalidItemTemplateException("item template " + code + " has type " + type.trim()
                    + "; Bookings services can only become items of type " + SERVICE);
        }
    }

    /** A template that cannot be used for Bookings services. */
    public static class InvalidItemTemplateException extends IllegalArgumentException {

        public InvalidItemTemplateException(String message) {
            super(message);
        }
    }
}
