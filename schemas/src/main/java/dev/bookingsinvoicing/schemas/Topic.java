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
 */
public record Topic(String name, String key, String writer, List<Class<? extends SpecificRecord>> valueTypes) {

    public String deadLetter() {
        return Topics.deadLetterOf(name);
    }
}
