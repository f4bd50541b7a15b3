package dev.bookingsinvoicing.registration;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of one Bookings record, as the event published for it: registered, updated or rejected. Each service
 * has its own kinds with their own fields; this is what the kernel reads of them.
 */
public interface Outcome {

    String eventId();

    /** The time of the discovery that produced it; a re-published outcome keeps it, so it is the very same event. */
    Instant occurredAt();

    /** The rule that refused the record when this outcome is a rejection; empty when it was registered or updated. */
    default Optional<Rejection> rejection() {
        return Optional.empty();
    }
}
