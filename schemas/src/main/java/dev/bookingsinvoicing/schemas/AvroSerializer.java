package dev.bookingsinvoicing.schemas;

import java.nio.charset.StandardCharsets;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any project record in Avro single-object encoding and names its schema in a {@code content-type}
 * header, so that consumers in any language can tell what they hold before decoding it.
 */
public class AvroSerializer implements Serializer<SpecificRecord> {

    public static final String CONTENT_TYPE_HEADER = "content-type";

    private final EventSchemas schemas = EventSchemas.get();

    /** {@code application/vnd.apache.avro.single-object; schema=<full record name>}. */
    public static String contentType(String fullName) {
        return "application/vnd.apache.avro.single-object; schema=" + fullName;
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        return data == null ? null : schemas.encode(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        headers.remove(CONTENT_TYPE_HEADER);
        headers.add(CONTENT_TYPE_HEADER,
                contentType(data.getSchema().getFullName()).getBytes(StandardCharsets.UTF_8));
        return schemas.encode(data);
    }
}
