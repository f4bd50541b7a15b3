package dev.bookingsinvoicing.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any project record from Avro single-object encoding, whatever version of its schema wrote it.
 * Throws {@link UnreadableRecordException} on anything else; wrap it in spring-kafka's
 * {@code ErrorHandlingDeserializer} so that such a record is dead-lettered instead of stopping the consumer.
 */
public class AvroDeserializer implements Deserializer<SpecificRecord> {

    private final EventSchemas schemas = EventSchemas.get();

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        return data == null ? null : schemas.decode(data);
    }
}
