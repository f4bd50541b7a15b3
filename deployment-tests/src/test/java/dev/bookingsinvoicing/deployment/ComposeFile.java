package dev.bookingsinvoicing.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as Docker Compose reads it: YAML with anchors and merge keys, then {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}} and {@code ${VAR:?message}} interpolated from the given variables
 * (an --env-file such as docker/demo.env).
 */
final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    /** The repository's docker-compose.yml interpolated with {@code variables}. */
    static ComposeFile load(Map<String, String> variables) {
        return parse(Repository.read("docker-compose.yml"), variables);
    }

    @SuppressWarnings("unchecked")
    static ComposeFile parse(String yaml, Map<String, String> variables) {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return new ComposeFile((Map<String, Object>) interpolate(parsed, variables));
    }

    /** KEY=VALUE lines of an env file (comments and blank lines skipped), as Compose reads --env-file. */
    static Map<String, String> envFile(String relative) {
        try {
            Map<String, String> variables = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Repository.file(relative))) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    int eq = trimmed.indexOf('=');
                    variables.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
                }
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) root.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        }
        return service;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> volumes() {
        Object volumes = root.get("volumes");
        return volumes == null ? Map.of() : (Map<String, Object>) volumes;
    }

    /** The environment of a service (map or KEY=VALUE list form), values as strings. */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            });
        }
        return result;
    }

    /** The build arguments of a service built from this repository, or an empty map. */
    @SuppressWarnings("unchecked")
    Map<String, String> buildArgs(String service) {
        Object build = service(service).get("build");
        if (!(build instanceof Map<?, ?> map) || map.get("args") == null) {
            return Map.of();
        }
        Map<String, String> args = new LinkedHashMap<>();
        ((Map<String, Object>) map.get("args")).forEach((k, v) -> args.put(k, String.valueOf(v)));
        return args;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> build(String service) {
        return (Map<String, Object>) service(service).get("build");
    }

    String image(String service) {
        return String.valueOf(service(service).get("image"));
    }

    @SuppressWarnings("unchecked")
    List<String> list(String service, String key) {
        Object value = service(service).get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    /** The health check command of a service, as a list (CMD form). */
    @SuppressWarnings("unchecked")
    List<String> healthcheck(String service) {
        Map<String, Object> healthcheck = (Map<String, Object>) service(service).get("healthcheck");
        return healthcheck == null ? List.of() : ((List<Object>) healthcheck.get("test")).stream().map(String::valueOf).toList();
    }

    private static Object interpolate(Object node, Map<String, String> variables) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), interpolate(v, variables)));
            return result;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> interpolate(v, variables)).toList();
        }
        if (node instanceof String s) {
            return interpolate(s, variables);
        }
        return node;
    }

    static String interpolate(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String operator = m.group(2);
            String argument = m.group(3);
            String set = variables.get(name);
            boolean colon = operator != null && operator.startsWith(":");
            boolean missing = set == null || (colon && set.isEmpty());
            String replacement;
            if (operator == null) {
                replacement = set == null ? "" : set;
            } else if (operator.endsWith("?")) {
                if (missing) {
                    throw new IllegalArgumentException("required variable " + name + " is missing: " + argument);
                }
                replacement = set;
            } else {
                replacement = missing ? argument : set;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
