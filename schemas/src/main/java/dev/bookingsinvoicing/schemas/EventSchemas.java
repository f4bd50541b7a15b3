package dev.bookingsinvoicing.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Every record type the project has ever published, indexed by the CRC-64-AVRO fingerprint of each of its
 * schema versions, so that one decoder can turn any single-object-encoded record back into its current class.
 *
 * <p>Older writer schemas are kept under {@code src/main/resources/schema-history/<FullName>/v<N>.avsc};
 * a record written with one of them is resolved against the current (reader) schema.
 */
public final class EventSchemas {

    /** Avro single-object encoding: marker 0xC3 0x01, 8-byte little-endian fingerprint, binary datum. */
    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final String HISTORY_ROOT = "schema-history/";

    private static final EventSchemas INSTANCE = new EventSchemas();

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();
    private final Map<Long, BinaryMessageDecoder<SpecificRecord>> decodersByFingerprint = new HashMap<>();
    private final Map<Long, Schema> schemasByFingerprint = new HashMap<>();

    private EventSchemas() {
        trustProjectClasses();
        for (Class<? extends SpecificRecord> type : recordTypes()) {
            register(type);
        }
    }

    public static EventSchemas get() {
        return INSTANCE;
    }

    /**
     * The {@code content-type} header of a record in single-object encoding:
     * {@code application/vnd.apache.avro.single-object; schema=<full record name>}.
     */
    public static String contentType(String fullName) {
        return "application/vnd.apache.avro.single-object; schema=" + fullName;
    }

    /** Every value type named in the topic catalog. */
    public static Set<Class<? extends SpecificRecord>> recordTypes() {
        Set<Class<? extends SpecificRecord>> types = new LinkedHashSet<>();
        Topics.CATALOG.forEach(topic -> types.addAll(topic.valueTypes()));
        return types;
    }

    /**
     * Avro 1.12.2 refuses to instantiate classes it does not trust (CVE-2024-47561 hardening). Our generated
     * classes, and only they, are added to whatever the JVM already trusts; this runs once, here.
     */
    private static void trustProjectClasses() {
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current,
                type -> type.getName().startsWith("dev.bookingsinvoicing.events.")
                        || type.getName().startsWith("dev.bookingsinvoicing.commands.")));
    }

    private void register(Class<? extends SpecificRecord> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        encoders.put(type, new BinaryMessageEncoder<>(model, current));
        BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(readModel(type), current);
        index(current, decoder);
        for (Schema older : history(current.getFullName())) {
            decoder.addSchema(older);
            index(older, decoder);
        }
    }

    /**
     * The model records of {@code type} are read with: the class's own (its logical-type conversions), except that
     * arrays are read as {@link ArrayList}s. Avro's {@code GenericData.Array.equals} compares the elements with the
     * conversion-less {@code GenericData.get()}, which throws on a logical type inside a union (an invoice line's
     * {@code serviceLocalDate}), so two decoded invoices could not even be compared; a plain list compares its
     * elements with their own {@code equals}.
     */
    public static SpecificData readModel(Class<? extends SpecificRecord> type) {
        SpecificData model = new SpecificData(type.getClassLoader()) {
            @Override
            public Object newArray(Object old, int size, Schema schema) {
                if (old instanceof ArrayList<?> reused) {
                    reused.clear();
                    return reused;
                }
                return new ArrayList<>(size);
            }
        };
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    private void index(Schema schema, BinaryMessageDecoder<SpecificRecord> decoder) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        decodersByFingerprint.put(fingerprint, decoder);
        schemasByFingerprint.put(fingerprint, schema);
    }

    /** The released versions of a record's schema, oldest first, as kept on the classpath. */
    public static List<Schema> history(String fullName) {
        List<Schema> versions = new java.util.ArrayList<>();
        ClassLoader loader = EventSchemas.class.getClassLoader();
        for (int version = 1; ; version++) {
            try (InputStream in = loader.getResourceAsStream(HISTORY_ROOT + fullName + "/v" + version + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public byte[] encode(SpecificRecord record) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(record.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException(record.getClass().getName() + " is not a record type of the topic catalog");
        }
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes a single-object-encoded record into its current class.
     *
     * @throws UnreadableRecordException when the bytes are not single-object encoded, the fingerprint is
     *                                   unknown, or the datum does not match its schema
     */
    public SpecificRecord decode(byte[] bytes) {
        long fingerprint = fingerprintOf(bytes);
        BinaryMessageDecoder<SpecificRecord> decoder = decodersByFingerprint.get(fingerprint);
        if (decoder == null) {
            throw new UnreadableRecordException(String.format(
                    "unknown schema fingerprint %016x: not a schema version this project ever shipped", fingerprint));
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableRecordException("cannot decode " + schemasByFingerprint.get(fingerprint).getFullName()
                    + " (fingerprint " + String.format("%016x", fingerprint) + "): " + e, e);
        }
    }

    /** The schema a record was written with, if its fingerprint is known. */
    public Schema writerSchemaOf(byte[] bytes) {
        return schemasByFingerprint.get(fingerprintOf(bytes));
    }

    static long fingerprintOf(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new UnreadableRecordException("not Avro single-object encoding: expected marker C3 01 and a fingerprint");
        }
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
