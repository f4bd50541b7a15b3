package dev.bookingsinvoicing.registration;

import java.time.Instant;

/**
 * Which discovery event (CustomerDiscovered, ServiceDiscovered) is being handled: its id and time. The same pair
 * again is a re-delivery; an older time than the one applied last is a replay of history that must not move the
 * registered record back.
 */
public record Discovery(String eventId, Instant occurredAt) {
}
