package dev.bookingsinvoicing.items.registration;

import java.time.Instant;

/**
 * Which ServiceDiscovered is being handled: its id and time. The same pair again is a re-delivery; an older time
 * than the one applied last is a replay of history that must not move the item back.
 */
public record Discovery(String eventId, Instant occurredAt) {
}
