package dev.bookingsinvoicing.serde;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Writes any project record in Avro single-object encoding and names its schema in a {@code content-type}
 * header, so that consumers in any language can tell what they hold before decoding it.
 *
 * <p>With {@code bookings.avro.wire-format=confluent} and {@code schema.registry.url} in the producer configuration
 * it writes Confluent's wire format instead (see {@link AvroSerdeConfig}, {@link ConfluentAvroCodec}).
 */
public class AvroSerializer implements Serializer<SpecificRecord> {

    public static final String CONTENT_TYPE_HEADER = "content-type";

    private final EventSchemas schemas = EventSchemas.get();
    /** {@code null}: single-object encoding, the default. */
    private ConfluentAvroCodec confluent;

    /** {@code application/x-confluent-avro; schema=<full record name>}: the header in the Confluent wire format. */
    public static String confluentContentType(String fullName) {
        return "application/x-confluent-avro; schema=" + fullName;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.confluent = AvroSerdeConfig.confluentCodec(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        return data == null ? null : encode(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        String fullName = data.getSchema().getFullName();
        headers.remove(CONTENT_TYPE_HEADER);
        String contentType = confluent == null ? EventSchemas.contentType(fullName) : confluentContentType(fullName);
        headers.add(CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8));
        return encode(topic, data);
    }

    /**
     * Refuses a record the catalog does not list for its topic (a CommandCompleted sent on invoicing.invoices, say), so
     * that no producer can put a type on a topic whose consumers do not expect it. Dead-letter topics and topics
     * outside the catalog take any record.
     */
    private byte[] encode(String topic, SpecificRecord data) {
        Topics.find(topic).filter(t -> !t.carries(data.getClass())).ifPresent(t -> {
            throw new SerializationException(data.getSchema().getName() + " does not belong on " + topic
                    + ", which carries " + t.valueTypes().stream().map(Class::getSimpleName).toList());
        });
        return confluent == null ? schemas.encode(data) : confluent.encode(topic, data);
    }
}
