package dev.bookingsinvoicing.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/** docker/kafka/topics.conf, read the way create-topics.sh reads it: topic, cleanup.policy, retention.ms ("-" = none). */
final class TopicDefinitions {

    /** One line of topics.conf. */
    record Definition(String topic, String cleanupPolicy, String retentionMs) {
    }

    private TopicDefinitions() {
    }

    static Map<String, Definition> read() {
        Map<String, Definition> definitions = new LinkedHashMap<>();
        for (String line : Repository.read("docker/kafka/topics.conf").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            Definition definition = new Definition(fields[0], fields[1], fields[2]);
            if (definitions.put(definition.topic(), definition) != null) {
                throw new IllegalStateException("topics.conf lists " + definition.topic() + " twice");
            }
        }
        return definitions;
    }
}
