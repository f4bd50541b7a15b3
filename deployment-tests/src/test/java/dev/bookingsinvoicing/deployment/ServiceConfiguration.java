package dev.bookingsinvoicing.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.bookingsinvoicing.kafka.BookingsKafkaProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a Spring Boot service of this repository reads: its own yml files ({@code <artifactId>.yml},
 * {@code <artifactId>-prod.yml}, the shared {@code kafka-defaults.yml} and {@code observability.yml}), the
 * environment variables they name in placeholders, and every property name Spring can bind (Boot's configuration metadata and the service's own
 * {@code @ConfigurationProperties} records), so that an environment variable can be checked the way Spring's relaxed
 * binding maps it.
 */
final class ServiceConfiguration {

    /** A placeholder naming an environment variable ({@code ${NAME}} or {@code ${NAME:default}}); ${a.property} is not one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:|})");
    private static final int LIST_INDEXES = 10;

    private final String module;
    private final List<String> ymlTexts = new ArrayList<>();
    private final Map<String, Object> flattened = new LinkedHashMap<>();
    private final Set<String> propertyNames = new TreeSet<>();
    private final Set<String> mapPrefixes = new TreeSet<>();

    private ServiceConfiguration(String module) {
        this.module = module;
    }

    /** The configuration of a service module whose main class is {@code mainClass}. */
    static ServiceConfiguration of(String module, Class<?> mainClass) {
        ServiceConfiguration configuration = new ServiceConfiguration(module);
        // in Spring's order of precedence, lowest first: the file, what it imports, then the profile's file
        configuration.addYml(Repository.file(module + "/src/main/resources/" + module + ".yml"));
        configuration.addYml(Repository.file("kafka-support/src/main/resources/kafka-defaults.yml"));
        configuration.addYml(Repository.file("service-support/src/main/resources/observability.yml"));
        configuration.addYml(Repository.file(module + "/src/main/resources/" + module + "-prod.yml"));
        configuration.propertyNames.addAll(configuration.flattened.keySet());
        configuration.addBootMetadata();
        configuration.addConfigurationProperties(mainClass.getPackageName());
        configuration.addRecord("bookings.kafka", BookingsKafkaProperties.class);
        return configuration;
    }

    String module() {
        return module;
    }

    /** Every key the yml files set, flattened (list items as {@code name[0].key}). */
    Set<String> keys() {
        return new TreeSet<>(flattened.keySet());
    }

    /** The value a key has in the yml files (the prod file wins over the others), or null. */
    Object value(String key) {
        return flattened.get(key);
    }

    /** server.port's default: the number itself, or the default of its placeholder. */
    int serverPort() {
        Object port = flattened.get("server.port");
        String text = String.valueOf(port);
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}").matcher(text);
        return Integer.parseInt(m.matches() ? m.group(1) : text);
    }

    /** Environment variables named in placeholders; {@code withoutDefault} keeps only the required ones. */
    Set<String> placeholderVariables(boolean withoutDefault) {
        Set<String> names = new TreeSet<>();
        for (String text : ymlTexts) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!withoutDefault || "}".equals(m.group(2))) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /**
     * The property an environment variable binds to under Spring's relaxed binding, or null when it binds to none
     * that this service has (e.g. BOOKINGS_SYNC_BUSINESSES_0_ID -> bookings.sync.businesses[0].id).
     */
    String propertyOf(String variable) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("systemEnvironment", Map.of(variable, "x")));
        for (String name : propertyNames) {
            if (ConfigurationPropertyName.isValid(name)
                    && source.getConfigurationProperty(ConfigurationPropertyName.of(name)) != null) {
                return name;
            }
        }
        for (String prefix : mapPrefixes) {
            // a Map property (spring.kafka.properties): any key under it, e.g. SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
            String envPrefix = prefix.replace("-", "").replace('.', '_').toUpperCase() + "_";
            if (variable.startsWith(envPrefix) && variable.length() > envPrefix.length()) {
                return prefix + "." + variable.substring(envPrefix.length()).toLowerCase().replace('_', '.');
            }
        }
        return null;
    }

    private void addYml(Path path) {
        try {
            String text = Files.readString(path);
            ymlTexts.add(text);
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                flatten("", document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flatten(String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v));
        } else if (node instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i));
            }
        } else {
            // a later file's value wins, as in Spring
            flattened.put(prefix, node);
        }
    }

    private void addBootMetadata() {
        try {
            JsonMapper json = JsonMapper.builder().build();
            Enumeration<URL> resources = getClass().getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json");
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        String type = property.path("type").asString("");
                        if (name.startsWith("bookings.")) {
                            // every service's metadata is on this classpath: a service's own settings come from
                            // its @ConfigurationProperties records (addConfigurationProperties), not another's
                            continue;
                        }
                        if (type.startsWith("java.util.Map")) {
                            mapPrefixes.add(name);
                        } else {
                            propertyNames.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addConfigurationProperties(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                addRecord(prefix, type);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The property names of a @ConfigurationProperties record (nested records, lists of records, maps). */
    private void addRecord(String prefix, Class<?> type) {
        if (!type.isRecord()) {
            propertyNames.add(prefix);
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> raw = component.getType();
            if (raw.isRecord()) {
                addRecord(name, raw);
            } else if (Collection.class.isAssignableFrom(raw) && elementType(component.getGenericType()) instanceof Class<?> e
                    && e.isRecord()) {
                for (int i = 0; i < LIST_INDEXES; i++) {
                    addRecord(name + "[" + i + "]", e);
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                mapPrefixes.add(name);
            } else {
                propertyNames.add(name);
            }
        }
    }

    private static Type elementType(Type type) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Every property name known for this service (for messages). */
    Set<String> propertyNames() {
        return new LinkedHashSet<>(propertyNames);
    }
}
