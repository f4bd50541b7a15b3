package dev.bookingsinvoicing.invoicing;

import java.time.Duration;

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
 * @param dashboard            how long the dashboard API may serve an answer from memory (see DashboardCache)
 */
@Validated
@ConfigurationProperties("bookings.invoicing")
public record InvoicingProperties(@Min(1) @DefaultValue("10000") int maxSelection,
        @Min(1) @DefaultValue("5000") int planLinesPerDocument, @DefaultValue Dashboard dashboard) {

    /**
     * @param maxAge     an answer younger than this is served as it is; 0 turns the cache off
     * @param maxStale   an answer younger than this is served while it is refreshed in the background
     * @param maxEntries distinct queries kept
     */
    public record Dashboard(@DefaultValue("1s") Duration maxAge, @DefaultValue("5s") Duration maxStale,
            @Min(1) @DefaultValue("1000") int maxEntries) {
    }
}
