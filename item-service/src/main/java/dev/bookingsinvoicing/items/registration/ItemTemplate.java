package dev.bookingsinvoicing.items.registration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Business Central's item template for Bookings services. Bookings services are work, not stock, so the
 * template must have type Service; any other type is refused when the template is bound, i.e. at start-up,
 * rather than when the first service arrives.
 */
public record ItemTemplate(
        @NotBlank(message = "bookings.items.template.code is required") String code,
        @NotBlank(message = "bookings.items.template.type is required (Service)") String type,
        @NotBlank(message = "bookings.items.template.base-unit-of-measure is required (e.g. HOUR or PCS)") String baseUnitOfMeasure,
        @NotBlank(message = "bookings.items.template.gen-prod-posting-group is required") String genProdPostingGroup,
        @NotBlank(message = "bookings.items.template.vat-prod-posting-group is required") String vatProdPostingGroup,
        String taxGroupCode,
        @DefaultValue("true") boolean useBookingsPriceAsUnitPrice) {

    public static final String SERVICE = "Service";

    public ItemTemplate {
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
