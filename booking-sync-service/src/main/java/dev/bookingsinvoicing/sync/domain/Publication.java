package dev.bookingsinvoicing.sync.domain;

import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;

import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;

/**
 * One event to publish and the state to remember once Kafka acknowledged it.
 *
 * @param appointmentEnd for appointments: when it ended, to tell later whether it should still be in the window
 */
public record Publication(Kind kind, String topic, String key, String revision, Instant appointmentEnd,
        SpecificRecord event) {

    /** The id of the state entry: kind + key. */
    public String stateId() {
        return stateId(kind, key);
    }

    public static String stateId(Kind kind, String key) {
        return kind.name().toLowerCase() + ":" + key;
    }
}
