package dev.bookingsinvoicing.invoicing;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code bookings.invoicing}.
 *
 * @param maxSelection         the most booking ids one SELECTED command may name (the command travels as one
 *                             Kafka record)
 * @param planLinesPerDocument invoice lines (or skipped bookings) per stored plan piece; a line takes about 300
 *                             bytes, so the default keeps pieces near 1.5 MB, far below MongoDB's 16 MB
 */
@Validated
@ConfigurationProperties("bookings.invoicing")
public record InvoicingProperties(@Min(1) @DefaultValue("10000") int maxSelection,
        @Min(1) @DefaultValue("5000") int planLinesPerDocument) {
}
