package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;

/**
 * What was last published for one key: its revision, and for appointments their end time.
 *
 * @param stateId        kind + key, see {@link Publication#stateId()}
 * @param id             the Bookings id (service, customer or appointment)
 * @param revision       the content hash last published, {@link SyncEvents#CANCELLED} once cancelled
 * @param appointmentEnd end of the appointment, null for other kinds
 * @param publishedAt    when it was last published (null if unknown): a full resync republishes what is older
 */
public record KnownState(String stateId, String id, String revision, Instant appointmentEnd, Instant publishedAt) {

    public KnownState(String stateId, String id, String revision, Instant appointmentEnd) {
        this(stateId, id, revision, appointmentEnd, null);
    }
}
