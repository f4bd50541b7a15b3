package dev.bookingsinvoicing.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.schemas.UnreadableRecordException;

/**
 * The optional Confluent wire format against a registry that speaks the documented Schema Registry REST API:
 * every record type round-trips, the bytes are magic byte 0 + the registry's id, ids are cached, older writers
 * resolve, and the default stays single-object encoding.
 */
class ConfluentWireFormatTest {

    private static final String USER_INFO = "bookings:s3cret";
    private static SchemaRegistryStub registry;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = new SchemaRegistryStub(
                "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static Stream<Class<? extends SpecificRecord>> recordTypes() {
        return EventSchemas.recordTypes().stream();
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void everyRecordTypeRoundTripsWithTheRegistrysIdInTheBytes(Class<? extends SpecificRecord> type) {
        SpecificRecord record = sample(type);
        String topic = topicOf(type);
        RecordHeaders headers = new RecordHeaders();

        byte[] bytes = serializer(confluent()).serialize(topic, headers, record);

        assertThat(bytes[0]).as("magic byte").isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.versions(topic + "-value")).as("TopicNameStrategy subject").contains(id);
        assertThat(registry.schema(id)).isEqualTo(record.getSchema());
        assertThat(new String(headers.lastHeader(AvroSerializer.CONTENT_TYPE_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("application/x-confluent-avro; schema=" + record.getSchema().getFullName());
        assertThat(deserializer(confluent()).deserialize(topic, bytes)).isEqualTo(record);
    }

    @Test
    void registersOncePerSubjectAndFetchesEachIdOnce() {
        AvroSerializer serializer = serializer(confluent());
        AvroDeserializer deserializer = deserializer(confluent());
        List<String> before = registry.requests();

        int id = -1;
        for (int i = 0; i < 3; i++) {
            SpecificRecord invoice = sample(DraftInvoiceCreated.class);
            byte[] bytes = serializer.serialize(Topics.INVOICES, invoice);
            id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            assertThat(deserializer.deserialize(Topics.INVOICES, bytes)).isEqualTo(invoice);
        }

        List<String> calls = registry.requests().subList(before.size(), registry.requests().size());
        assertThat(calls).containsExactly("POST /subjects/invoicing.invoices-value/versions", "GET /schemas/ids/" + id);
    }

    @Test
    void readsWhatAKafkaAvroSerializerProducerWroteWithAnOlderSchemaVersion() throws IOException {
        // an older producer, in Confluent's format: CommandCompleted v1 registered, then 0 + id + binary datum
        Schema v1 = EventSchemas.history("dev.bookingsinvoicing.events.CommandCompleted").get(0);
        SchemaRegistryClient client = new SchemaRegistryClient(List.of(URI.create(registry.url())), USER_INFO);
        int id = client.register(Topics.COMMAND_RESULTS + "-value", v1);
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("eventId", "e-1").set("occurredAt", 1_700_000_000_000L).set("commandId", "cmd-1")
                .set("commandType", "InvoiceBookings").set("invoiceIds", List.of("DI-1")).set("bookingsInvoiced", 2)
                .set("skipped", List.of()).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v1, GenericData.get()).write(old, encoder);
        encoder.flush();

        CommandCompleted read = (CommandCompleted) deserializer(confluent()).deserialize(Topics.COMMAND_RESULTS,
                out.toByteArray());

        assertThat(read.getCommandId()).isEqualTo("cmd-1");
        assertThat(read.getInvoiceIds()).containsExactly("DI-1");
        assertThat(read.getBookingIds()).as("added in v2, defaulted").isEmpty();
        assertThat(read.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void withoutConfigurationTheSerdeStaysSingleObjectAndAConfluentConsumerStillReadsThat() {
        SpecificRecord invoice = sample(DraftInvoiceCreated.class);
        List<String> before = registry.requests();

        byte[] bytes = serializer(Map.of()).serialize(Topics.INVOICES, invoice);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(bytes).isEqualTo(new AvroSerializer().serialize(Topics.INVOICES, invoice));
        assertThat(deserializer(Map.of()).deserialize(Topics.INVOICES, bytes)).isEqualTo(invoice);
        assertThat(deserializer(confluent()).deserialize(Topics.INVOICES, bytes)).as("migration: both formats")
                .isEqualTo(invoice);
        assertThat(registry.requests()).isEqualTo(before);
    }

    @Test
    void aDefaultConsumerRefusesConfluentBytesAsUnreadable() {
        byte[] bytes = serializer(confluent()).serialize(Topics.INVOICES, sample(DraftInvoiceCreated.class));

        assertThatThrownBy(() -> new AvroDeserializer().deserialize(Topics.INVOICES, bytes))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("not Avro single-object encoding");
    }

    @Test
    void anUnknownIdOrBytesOfNoKnownFormatAreUnreadable() {
        byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 'x'};
        assertThatThrownBy(() -> deserializer(confluent()).deserialize(Topics.INVOICES, unknownId))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("schema id 32639")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("40403");

        byte[] text = "not avro".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer(confluent()).deserialize(Topics.INVOICES, text))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("not Confluent wire format");
    }

    @Test
    void withoutAutoRegistrationItOnlyLooksTheSchemaUpAndSaysWhenItIsMissing() {
        Map<String, Object> lookupOnly = confluent();
        lookupOnly.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        String topic = "invoicing.invoices.lookup-only";
        SpecificRecord invoice = sample(DraftInvoiceCreated.class);

        assertThatThrownBy(() -> serializer(lookupOnly).serialize(topic, invoice))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("under subject " + topic + "-value")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("40401");

        int id = new SchemaRegistryClient(List.of(URI.create(registry.url())), USER_INFO)
                .register(topic + "-value", invoice.getSchema());
        byte[] bytes = serializer(lookupOnly).serialize(topic, invoice);

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.requests()).contains("POST /subjects/" + topic + "-value");
    }

    @Test
    void triesTheNextRegistryUrlWhenOneIsDownAndSendsTheCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> config = confluent();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort + "," + registry.url());
        SpecificRecord invoice = sample(DraftInvoiceCreated.class);

        assertThat(deserializer(config).deserialize(Topics.INVOICES, serializer(config).serialize(Topics.INVOICES, invoice)))
                .isEqualTo(invoice);

        Map<String, Object> anonymous = confluent();
        anonymous.remove(AvroSerdeConfig.BASIC_AUTH_USER_INFO);
        assertThatThrownBy(() -> serializer(anonymous).serialize(Topics.INVOICES, invoice))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void recordNameStrategiesGiveEachRecordTypeOfATopicItsOwnSubject() {
        Map<String, Object> perRecord = confluent();
        perRecord.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        Map<String, Object> perType = confluent();
        perType.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "RecordNameStrategy");
        String topic = "invoicing.invoices.by-record";
        SpecificRecord created = sample(DraftInvoiceCreated.class);
        SpecificRecord deleted = sample(DraftInvoiceDeleted.class);

        byte[] createdBytes = serializer(perRecord).serialize(topic, created);
        byte[] deletedBytes = serializer(perRecord).serialize(topic, deleted);
        serializer(perType).serialize(topic, deleted);

        assertThat(registry.versions(topic + "-dev.bookingsinvoicing.events.DraftInvoiceCreated"))
                .containsExactly(ByteBuffer.wrap(createdBytes, 1, 4).getInt());
        assertThat(registry.versions(topic + "-dev.bookingsinvoicing.events.DraftInvoiceDeleted"))
                .containsExactly(ByteBuffer.wrap(deletedBytes, 1, 4).getInt());
        assertThat(registry.versions("dev.bookingsinvoicing.events.DraftInvoiceDeleted"))
                .containsExactly(ByteBuffer.wrap(deletedBytes, 1, 4).getInt());
        assertThat(registry.versions(topic + "-value")).isEmpty();
        // a reader needs only the id, whatever subject the writer used
        assertThat(deserializer(confluent()).deserialize(topic, createdBytes)).isEqualTo(created);
        assertThat(deserializer(confluent()).deserialize(topic, deletedBytes)).isEqualTo(deleted);
    }

    @Test
    void aWrongConfigurationFailsWhenTheClientIsConfiguredAndNamesTheKey() {
        assertThatThrownBy(() -> serializer(Map.of(AvroSerdeConfig.WIRE_FORMAT, "confluent")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        assertThatThrownBy(() -> deserializer(Map.of(AvroSerdeConfig.WIRE_FORMAT, "protobuf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroSerdeConfig.WIRE_FORMAT)
                .hasMessageContaining("single-object, confluent");
        assertThatThrownBy(() -> serializer(Map.of(AvroSerdeConfig.WIRE_FORMAT, "confluent",
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "registry:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http(s)://");
        Map<String, Object> unknownStrategy = confluent();
        unknownStrategy.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "com.example.MyStrategy");
        assertThatThrownBy(() -> serializer(unknownStrategy))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");
    }

    private static Map<String, Object> confluent() {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.WIRE_FORMAT, "confluent");
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, USER_INFO);
        return config;
    }

    private static AvroSerializer serializer(Map<String, Object> config) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(config, false);
        return serializer;
    }

    private static AvroDeserializer deserializer(Map<String, Object> config) {
        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(config, false);
        return deserializer;
    }

    private static String topicOf(Class<? extends SpecificRecord> type) {
        return Topics.CATALOG.stream().filter(t -> t.valueTypes().contains(type)).findFirst().orElseThrow().name();
    }

    /** A record of the type with every field set, decimals at their scale and instants at millisecond precision. */
    static SpecificRecord sample(Class<? extends SpecificRecord> type) {
        EventSchemas.get(); // trusts the project's classes, which Avro checks before instantiating them
        SpecificData model = SpecificData.getForClass(type);
        return (SpecificRecord) sampleValue(model, model.getSchema(type));
    }

    private static Object sampleValue(SpecificData model, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return new BigDecimal(BigInteger.valueOf(-1234567), decimal.getScale());
        }
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Instant.parse("2026-11-01T09:30:00.123Z");
        }
        if (logical instanceof LogicalTypes.Date) {
            return LocalDate.of(2026, 11, 1);
        }
        return switch (schema.getType()) {
            case RECORD -> {
                SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
                schema.getFields().forEach(f -> record.put(f.pos(), sampleValue(model, f.schema())));
                yield record;
            }
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(schema.getEnumSymbols().size() - 1), schema);
            case ARRAY -> List.of(sampleValue(model, schema.getElementType()), sampleValue(model, schema.getElementType()));
            case MAP -> Map.of("key", sampleValue(model, schema.getValueType()));
            case UNION -> sampleValue(model, schema.getTypes().stream()
                    .filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow());
            case STRING -> "Ünïcode text / " + schema.getFullName();
            case INT -> 42;
            case LONG -> 4_200_000_000L;
            case BOOLEAN -> true;
            case DOUBLE -> 1.5d;
            case FLOAT -> 2.5f;
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case NULL -> null;
            case FIXED -> throw new IllegalArgumentException("no fixed types in the project's schemas");
        };
    }
}
