package dev.bookingsinvoicing.registration;

/**
 * What a service last did with one Bookings record: the discovery applied, the number of the record it is linked to
 * (none while it was rejected before ever being registered), what the service keeps of the Bookings values
 * ({@code values}, its own type) and the event it published.
 */
public record SourceState<V, O extends Outcome>(Discovery applied, String number, V values, O lastEvent) {

    public boolean linked() {
        return number != null;
    }

    /** The same discovery again (a re-delivery, or a replay of the latest one). */
    public boolean isSameDelivery(Discovery discovery) {
        return applied.eventId().equals(discovery.eventId()) && applied.occurredAt().equals(discovery.occurredAt());
    }

    /** Older than the discovery applied last: history being replayed, which must not move the record back. */
    public boolean isOlderThanApplied(Discovery discovery) {
        return discovery.occurredAt().isBefore(applied.occurredAt());
    }
}
