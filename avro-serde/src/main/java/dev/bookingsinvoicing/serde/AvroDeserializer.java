package dev.bookingsinvoicing.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.UnreadableRecordException;

/**
 * Reads any project record from Avro single-object encoding, whatever version of its schema wrote it.
 * Throws {@link UnreadableRecordException} on anything else; wrap it in spring-kafka's
 * {@code ErrorHandlingDeserializer} so that such a record is dead-lettered instead of stopping the consumer.
 *
 * <p>With {@code bookings.avro.wire-format=confluent} and {@code schema.registry.url} in the consumer configuration
 * it also reads Confluent's wire format, fetching writer schemas by id (see {@link AvroSerdeConfig}); single-object
 * records on the same topic are still read, so a topic can move from one format to the other.
 */
public class AvroDeserializer implements Deserializer<SpecificRecord> {

    private static final byte SINGLE_OBJECT_MARKER = (byte) 0xC3;

    private final EventSchemas schemas = EventSchemas.get();
    /** {@code null}: single-object encoding only, the default. */
    private ConfluentAvroCodec confluent;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.confluent = AvroSerdeConfig.confluentCodec(configs, isKey);
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (confluent != null && (data.length == 0 || data[0] != SINGLE_OBJECT_MARKER)) {
            return confluent.decode(data);
        }
        return schemas.decode(data);
    }
}
