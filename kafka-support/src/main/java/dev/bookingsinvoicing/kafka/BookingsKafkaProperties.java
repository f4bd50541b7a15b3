package dev.bookingsinvoicing.kafka;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares under {@code bookings.kafka}: how topics are created, how a failing
 * record is retried before it is dead-lettered, and how many transactional producers a transactional service keeps.
 *
 * @param topics                 the catalog topics the service declares at start-up
 * @param retry                  the back-off before a failing record is dead-lettered
 * @param transactionalProducers with {@code spring.kafka.producer.transaction-id-prefix} set: the fixed number of
 *                               transactional ids ({@code <prefix>0} ... {@code <prefix>(n-1)}), opened at start-up so
 *                               that a restart fences what a killed instance left open; at least the listeners'
 *                               concurrency plus the sends that may run beside them (a send beyond it fails)
 */
@Validated
@ConfigurationProperties("bookings.kafka")
public record BookingsKafkaProperties(@Valid @NotNull @DefaultValue Topics topics, @Valid @NotNull @DefaultValue Retry retry,
        @Min(1) @DefaultValue("8") int transactionalProducers) {

    /**
     * @param create            declare every catalog topic and its dead-letter topic at start-up (off where a
     *                          platform team owns topic creation)
     * @param partitions        partitions per topic; dead-letter topics get the same so a record keeps its partition
     * @param replicationFactor 1 on a laptop, 3 in production
     */
    public record Topics(@DefaultValue("true") boolean create, @Min(1) @DefaultValue("4") int partitions,
            @Min(1) @DefaultValue("1") short replicationFactor) {
    }

    /**
     * Bounded exponential back-off for records whose processing fails with a transient error.
     *
     * @param initialInterval wait before the first retry of a failing record
     * @param multiplier      each further wait is the previous one times this
     * @param maxInterval     longest wait between two tries
     * @param maxRetries      retries before the record goes to its topic's {@code -dlt} with the reason
     */
    public record Retry(@NotNull @DefaultValue("200ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier, @NotNull @DefaultValue("5s") Duration maxInterval,
            @Min(0) @DefaultValue("5") int maxRetries) {
    }
}
