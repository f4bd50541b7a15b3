package dev.bookingsinvoicing.schemas;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the catalog.
 *
 * @param name       the Kafka topic name
 * @param key        how the (string) key is formed
 * @param writer     the single service (or actor) that writes it
 * @param valueTypes the Avro record types its values may have
 * @param cleanup    COMPACT where the latest record per key is the state (registrations), DELETE for histories
 */
public record Topic(String name, String key, String writer, List<Class<? extends SpecificRecord>> valueTypes,
        Cleanup cleanup) {

    /** Kafka's {@code cleanup.policy} for the topic; dead-letter topics are always DELETE. */
    public enum Cleanup { COMPACT, DELETE }

    /** Whether records of this type may be written on this topic. */
    public boolean carries(Class<?> valueType) {
        return valueTypes.contains(valueType);
    }

    public String deadLetter() {
        return Topics.deadLetterOf(name);
    }
}
