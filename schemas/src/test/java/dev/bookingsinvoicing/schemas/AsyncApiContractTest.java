package dev.bookingsinvoicing.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The AsyncAPI document is the contract other teams read: it must describe exactly what the code does. */
class AsyncApiContractTest {

    private static final Path DOCUMENT = Path.of("asyncapi.yaml");
    private static Map<String, Object> asyncApi;

    @BeforeAll
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCUMENT)) {
            asyncApi = new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> entries(Map<String, Object> parent, String name) {
        return (Map<String, Map<String, Object>>) parent.get(name);
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(asyncApi.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(section(asyncApi, "info")).containsKeys("title", "version");
    }

    @Test
    void describesExactlyTheTopicsOfTheCatalogWithTheirValueTypesAndCleanupPolicy() {
        Map<String, Map<String, Object>> channels = entries(asyncApi, "channels");
        Map<String, Map<String, Object>> byAddress = new HashMap<>();
        channels.values().forEach(channel -> byAddress.put((String) channel.get("address"), channel));

        assertThat(byAddress.keySet()).isEqualTo(Topics.CATALOG.stream().map(Topic::name).collect(Collectors.toSet()));
        for (Topic topic : Topics.CATALOG) {
            Map<String, Object> channel = byAddress.get(topic.name());
            assertThat(section(channel, "messages").keySet()).as(topic.name())
                    .isEqualTo(topic.valueTypes().stream().map(Class::getSimpleName).collect(Collectors.toSet()));
            assertThat(channel.get("x-key")).as(topic.name()).isEqualTo(topic.key());
            assertThat(channel.get("x-dead-letter-topic")).as(topic.name()).isEqualTo(topic.deadLetter());
            Map<String, Object> kafka = section(section(channel, "bindings"), "kafka");
            assertThat(section(kafka, "topicConfiguration").get("cleanup.policy")).as(topic.name())
                    .isEqualTo(List.of(topic.cleanup().name().toLowerCase()));
        }
    }

    @Test
    void everyOperationNamesAChannelAndEveryTopicHasItsSingleWriter() {
        Map<String, Map<String, Object>> operations = entries(asyncApi, "operations");
        Set<String> channelRefs = section(asyncApi, "channels").keySet().stream().map(id -> "#/channels/" + id)
                .collect(Collectors.toSet());
        Map<String, Long> sendersPerChannel = new HashMap<>();
        operations.values().forEach(operation -> {
            String ref = (String) section(operation, "channel").get("$ref");
            assertThat(channelRefs).contains(ref);
            if ("send".equals(operation.get("action"))) {
                sendersPerChannel.merge(ref, 1L, Long::sum);
            }
        });
        assertThat(sendersPerChannel).hasSize(channelRefs.size()).allSatisfy((ref, count) -> assertThat(count).isOne());
    }

    @Test
    void everyMessageReferencesAnExistingSchemaOfTheSameRecordAndTheContentTypeTheSerializerWrites() throws IOException {
        Map<String, Map<String, Object>> messages = entries(section(asyncApi, "components"), "messages");
        assertThat(messages.keySet()).isEqualTo(EventSchemas.recordTypes().stream().map(Class::getSimpleName)
                .collect(Collectors.toSet()));
        for (Class<?> type : EventSchemas.recordTypes()) {
            Map<String, Object> message = messages.get(type.getSimpleName());
            String ref = (String) section(section(message, "payload"), "schema").get("$ref");
            Path schemaFile = Path.of(ref);
            assertThat(schemaFile).as(type.getSimpleName()).exists();
            Schema.Parser parser = new Schema.Parser();
            parser.parse(Path.of("src/main/avro/PriceType.avsc").toFile());
            parser.parse(Path.of("src/main/avro/Attendee.avsc").toFile());
            parser.parse(Path.of("src/main/avro/BookingsRecordKind.avsc").toFile());
            parser.parse(Path.of("src/main/avro/ExportedDocumentType.avsc").toFile());
            Schema schema = parser.parse(schemaFile.toFile());
            assertThat(schema.getFullName()).isEqualTo(type.getName());
            Map<String, Object> contentType = section(section(section(message, "headers"), "properties"), "content-type");
            assertThat(contentType.get("const")).isEqualTo(EventSchemas.contentType(type.getName()));
        }
    }
}
