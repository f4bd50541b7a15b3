package dev.bookingsinvoicing.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.UnreadableRecordException;

/**
 * Confluent's wire format (magic byte 0, 4-byte big-endian Schema Registry id, Avro binary datum), so that
 * consumers using Confluent's {@code kafka-avro-serializer} read our records and we read theirs. Subjects follow
 * one of Confluent's strategies, by default TopicNameStrategy: {@code <topic>-value} (or {@code -key}). A record is
 * read into the current class of the same full name, its writer schema (fetched by id) resolved against the class's
 * schema.
 */
public class ConfluentAvroCodec {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final AvroSerdeConfig.SubjectNameStrategy subjects;
    private final boolean isKey;
    private final Map<String, Class<? extends SpecificRecord>> typesByFullName = EventSchemas.recordTypes().stream()
            .collect(Collectors.toUnmodifiableMap(t -> SpecificData.getForClass(t).getSchema(t).getFullName(),
                    Function.identity()));
    private final Map<Integer, DatumReader<SpecificRecord>> readersById = new ConcurrentHashMap<>();
    private final Map<Class<?>, DatumWriter<SpecificRecord>> writersByType = new ConcurrentHashMap<>();

    public ConfluentAvroCodec(SchemaRegistryClient registry, boolean autoRegister,
                              AvroSerdeConfig.SubjectNameStrategy subjects, boolean isKey) {
        EventSchemas.get(); // its initialisation trusts the project's classes, which Avro needs before reading them
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.subjects = subjects;
        this.isKey = isKey;
    }

    public byte[] encode(String topic, SpecificRecord record) {
        Schema schema = record.getSchema();
        String subject = subjects.subject(topic, isKey, schema.getFullName());
        int id = autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema);
        DatumWriter<SpecificRecord> writer = writersByType.computeIfAbsent(record.getClass(),
                type -> SpecificData.getForClass(type).createDatumWriter(schema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @throws UnreadableRecordException when the bytes are not in Confluent's wire format, the id is unknown to the
     *                                   registry, the writer's record is not a project type, or its schema cannot be
     *                                   resolved against the current one
     */
    public SpecificRecord decode(byte[] bytes) {
        if (!isConfluentWireFormat(bytes)) {
            throw new UnreadableRecordException("not Confluent wire format: expected magic byte 0 and a 4-byte schema id");
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        DatumReader<SpecificRecord> reader = readersById.computeIfAbsent(id, this::readerFor);
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
            SpecificRecord record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UnreadableRecordException("trailing bytes after the datum of schema id " + id);
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableRecordException unreadable) {
                throw unreadable;
            }
            throw new UnreadableRecordException("cannot decode a record of schema id " + id + ": " + e, e);
        }
    }

    static boolean isConfluentWireFormat(byte[] bytes) {
        return bytes != null && bytes.length > HEADER_LENGTH && bytes[0] == MAGIC_BYTE;
    }

    private DatumReader<SpecificRecord> readerFor(int id) {
        Schema writer = registry.schemaById(id);
        Class<? extends SpecificRecord> type = typesByFullName.get(writer.getFullName());
        if (type == null) {
            throw new UnreadableRecordException("schema id " + id + " is " + writer.getFullName()
                    + ", not a record type of the topic catalog");
        }
        SpecificData model = EventSchemas.readModel(type);
        Schema reader = SpecificData.getForClass(type).getSchema(type);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new UnreadableRecordException("schema id " + id + " (" + writer.getFullName()
                    + ") cannot be read with the current schema: " + compatibility.getDescription());
        }
        @SuppressWarnings("unchecked")
        DatumReader<SpecificRecord> datumReader = (DatumReader<SpecificRecord>) model.createDatumReader(writer, reader);
        return datumReader;
    }
}
