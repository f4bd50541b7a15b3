package dev.bookingsinvoicing.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.bc.BusinessCentralConnectorApplication;
import dev.bookingsinvoicing.customers.CustomerServiceApplication;
import dev.bookingsinvoicing.invoicing.InvoicingServiceApplication;
import dev.bookingsinvoicing.items.ItemServiceApplication;
import dev.bookingsinvoicing.sync.BookingSyncApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an IDE knows of the services' settings: the configuration metadata on their classpath (Spring Boot's own and
 * what spring-boot-configuration-processor generates from this repository's {@code @ConfigurationProperties} and
 * additional-spring-configuration-metadata.json). Every key the services' yml files set is one it knows, so none is
 * flagged as unknown, and every setting of this repository ({@code bookings.*}) comes with a description.
 */
class ConfigurationMetadataTest {

    private static final Map<String, Class<?>> SERVICES = Map.of("booking-sync-service", BookingSyncApplication.class,
            "customer-service", CustomerServiceApplication.class, "item-service", ItemServiceApplication.class,
            "invoicing-service", InvoicingServiceApplication.class, "business-central-connector",
            BusinessCentralConnectorApplication.class);

    @Test
    void everyKeyOfTheServicesConfigFilesIsDescribedInTheConfigurationMetadata() throws IOException {
        Map<String, JsonNode> metadata = metadata();
        assertThat(metadata).as("Boot's own metadata is on the classpath")
                .containsKey("spring.kafka.bootstrap-servers");
        List<String> unknown = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        SERVICES.forEach((module, mainClass) -> {
            for (String key : ServiceConfiguration.of(module, mainClass).keys()) {
                JsonNode property = describing(metadata, key);
                if (property == null) {
                    unknown.add(module + ": " + key);
                } else if (key.startsWith("bookings.") && property.path("description").asString("").isBlank()) {
                    undescribed.add(module + ": " + property.path("name").asString());
                }
            }
        });
        assertThat(unknown).as("keys no configuration metadata knows").isEmpty();
        assertThat(undescribed).as("settings of this repository without a description").isEmpty();
        assertThat(metadata.get("bookings.customers.number-series.digits").path("defaultValue").asInt()).isEqualTo(5);
    }

    /**
     * The metadata property a yml key sets: the key itself; for a list item ({@code users[0].name}) the list; for a
     * key under a map ({@code spring.kafka.producer.properties.linger.ms}) the map.
     */
    private static JsonNode describing(Map<String, JsonNode> metadata, String key) {
        String name = key.contains("[") ? key.substring(0, key.indexOf('[')) : key;
        for (String candidate = name; !candidate.isEmpty();
                candidate = candidate.contains(".") ? candidate.substring(0, candidate.lastIndexOf('.')) : "") {
            JsonNode property = metadata.get(candidate);
            boolean map = property != null && property.path("type").asString("").startsWith("java.util.Map");
            if (property != null && (candidate.equals(name) || map)) {
                return property;
            }
        }
        return null;
    }

    /** Every property of every META-INF/spring-configuration-metadata.json on the classpath, by name. */
    private static Map<String, JsonNode> metadata() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, JsonNode> properties = new TreeMap<>();
        Enumeration<URL> resources = ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (resources.hasMoreElements()) {
            try (InputStream in = resources.nextElement().openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    properties.putIfAbsent(property.path("name").asString(), property);
                }
            }
        }
        return properties;
    }
}
