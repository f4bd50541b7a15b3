package dev.bookingsinvoicing.serde;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;


/**
 * The Kafka client configuration keys that {@link AvroSerializer} and {@link AvroDeserializer} read in
 * {@code configure}. Without any of them the serde writes and reads Avro single-object encoding.
 *
 * <p>The registry keys are spelled as Confluent's {@code kafka-avro-serializer} spells them, so one client
 * configuration serves both.
 */
public final class AvroSerdeConfig {

    /** {@code single-object} (default) or {@code confluent}. */
    public static final String WIRE_FORMAT = "bookings.avro.wire-format";
    /** Schema Registry base URL(s), comma-separated; required for the {@code confluent} wire format. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** {@code true} (default): register the writer schema; {@code false}: only look it up, fail if absent. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** {@code user:password} for HTTP basic authentication against the registry, if it needs it. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** The subject a value schema is registered under: {@link SubjectNameStrategy}, default TopicNameStrategy. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** As {@link #VALUE_SUBJECT_NAME_STRATEGY}, for a serde configured for keys. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

    /** How a value is framed on the wire. */
    public enum WireFormat {
        /** Avro single-object encoding: C3 01, 8-byte CRC-64-AVRO fingerprint, binary datum. No registry. */
        SINGLE_OBJECT("single-object"),
        /** Confluent's wire format: magic byte 0, 4-byte big-endian Schema Registry id, binary datum. */
        CONFLUENT("confluent");

        private final String value;

        WireFormat(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /**
     * Confluent's three subject name strategies, named as their classes are (a fully qualified
     * {@code io.confluent.kafka.serializers.subject.TopicNameStrategy} is accepted too, without that class).
     */
    public enum SubjectNameStrategy {
        /** {@code <topic>-value}: Confluent's default; one subject holds every record type of the topic. */
        TOPIC_NAME("TopicNameStrategy"),
        /** {@code <full record name>}: one subject per record type, shared by every topic. */
        RECORD_NAME("RecordNameStrategy"),
        /** {@code <topic>-<full record name>}: one subject per topic and record type. */
        TOPIC_RECORD_NAME("TopicRecordNameStrategy");

        private final String className;

        SubjectNameStrategy(String className) {
            this.className = className;
        }

        public String className() {
            return className;
        }

        public String subject(String topic, boolean isKey, String recordFullName) {
            return switch (this) {
                case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
                case RECORD_NAME -> recordFullName;
                case TOPIC_RECORD_NAME -> topic + "-" + recordFullName;
            };
        }
    }

    private AvroSerdeConfig() {
    }

    static SubjectNameStrategy subjectNameStrategy(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        Object configured = configs.get(key);
        if (configured == null || configured.toString().isBlank()) {
            return SubjectNameStrategy.TOPIC_NAME;
        }
        String name = configured instanceof Class<?> type ? type.getSimpleName()
                : configured.toString().trim().substring(configured.toString().trim().lastIndexOf('.') + 1);
        return Arrays.stream(SubjectNameStrategy.values()).filter(s -> s.className.equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException(key, configured, "must be one of " + Arrays
                        .stream(SubjectNameStrategy.values()).map(SubjectNameStrategy::className)
                        .collect(Collectors.joining(", "))));
    }

    static WireFormat wireFormat(Map<String, ?> configs) {
        Object configured = configs.get(WIRE_FORMAT);
        if (configured == null || configured.toString().isBlank()) {
            return WireFormat.SINGLE_OBJECT;
        }
        String value = configured.toString().trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(WireFormat.values()).filter(f -> f.value.equals(value)).findFirst()
                .orElseThrow(() -> new ConfigException(WIRE_FORMAT, configured, "must be one of "
                        + Arrays.stream(WireFormat.values()).map(WireFormat::value).collect(Collectors.joining(", "))));
    }

    /** The codec for the Confluent wire format, or {@code null} when the configuration asks for single-object. */
    static ConfluentAvroCodec confluentCodec(Map<String, ?> configs, boolean isKey) {
        if (wireFormat(configs) != WireFormat.CONFLUENT) {
            return null;
        }
        Object urls = configs.get(SCHEMA_REGISTRY_URL);
        if (urls == null || urls.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls,
                    "is required when " + WIRE_FORMAT + "=" + WireFormat.CONFLUENT.value());
        }
        List<URI> registries = registryUrls(urls);
        Object autoRegister = configs.get(AUTO_REGISTER_SCHEMAS);
        Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
        return new ConfluentAvroCodec(new SchemaRegistryClient(registries,
                userInfo == null || userInfo.toString().isBlank() ? null : userInfo.toString()),
                autoRegister == null || Boolean.parseBoolean(autoRegister.toString().trim()),
                subjectNameStrategy(configs, isKey), isKey);
    }

    private static List<URI> registryUrls(Object configured) {
        List<?> values = configured instanceof List<?> list ? list : List.of(configured.toString().split(","));
        List<URI> urls = values.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty())
                .map(URI::create).toList();
        for (URI url : urls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, configured, "must be http(s)://host[:port] URLs");
            }
        }
        return urls;
    }
}
