package dev.bookingsinvoicing.items.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code bookings.items}: the item template services become items from, which services are
 * accepted, and the number series of the items.
 */
@Validated
@ConfigurationProperties("bookings.items")
public record ItemProperties(@Valid @NotNull(message = "bookings.items.template is required") ItemTemplate template,
        @Valid @NotNull @DefaultValue Filter filter, @Valid @NotNull @DefaultValue NumberSeries numberSeries) {

    /** BC's item filter: whether services hidden from customers in Bookings still become items. */
    public record Filter(@DefaultValue("true") boolean includeHidden) {
    }

    /** SVC0010, SVC0020, ...: prefix, zero-padded digits, and the step BC leaves for inserting numbers later. */
    public record NumberSeries(@NotBlank @DefaultValue("SVC") String prefix, @Min(1) @Max(18) @DefaultValue("4") int digits,
            @Min(1) @DefaultValue("10") int step) {
    }
}
