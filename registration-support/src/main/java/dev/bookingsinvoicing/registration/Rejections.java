package dev.bookingsinvoicing.registration;

import java.time.Instant;

/**
 * How a service makes its rejection event (CustomerRejected, ItemRejected) for a Bookings record: with a new id that
 * follows {@code previousEventId} (see {@link EventIds}), or, {@link Stored}, as it was published.
 */
@FunctionalInterface
public interface Rejections<O extends Outcome> {

    O of(Instant occurredAt, String previousEventId, String businessId, String sourceId, String rule, String reason);

    /** A rejection event as it was published and stored: its own id, its record's canonical constructor. */
    @FunctionalInterface
    interface Stored<O extends Outcome> {

        O of(String eventId, Instant occurredAt, String businessId, String sourceId, String rule, String reason);
    }
}
