package dev.bookingsinvoicing.invoicing;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code bookings.invoicing}.
 *
 * @param maxSelection the most booking ids one SELECTED command may name (the command travels as one Kafka record)
 */
@Validated
@ConfigurationProperties("bookings.invoicing")
public record InvoicingProperties(@Min(1) @DefaultValue("10000") int maxSelection) {
}
