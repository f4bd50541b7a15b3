package dev.bookingsinvoicing.serde;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bookingsinvoicing.schemas.UnreadableRecordException;

/**
 * The few calls of the Confluent Schema Registry REST API that the Confluent wire format needs, with their answers
 * cached (a schema id never changes its schema): register a schema under a subject, look one up, fetch a schema by id.
 * Plain {@link HttpClient} and the Jackson that Avro already brings; works with any registry that implements this API.
 */
public class SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final List<URI> urls;
    private final String authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    /**
     * @param urls     registry base URLs; each call tries them in order until one answers
     * @param userInfo {@code user:password} for basic authentication, or {@code null}
     */
    public SchemaRegistryClient(List<URI> urls, String userInfo) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        this.urls = List.copyOf(urls);
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** {@code POST /subjects/{subject}/versions}: the id of the schema, registered if the subject lacks it. */
    public int register(String subject, Schema schema) {
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).computeIfAbsent(schema,
                s -> call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                        "register the schema of " + schema.getFullName() + " under subject " + subject, false)
                        .path("id").asInt());
    }

    /** {@code POST /subjects/{subject}}: the id of a schema already registered under the subject. */
    public int lookup(String subject, Schema schema) {
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).computeIfAbsent(schema,
                s -> call("POST", "/subjects/" + encode(subject), schemaBody(schema),
                        "look up the schema of " + schema.getFullName() + " under subject " + subject
                                + " (" + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false)", false)
                        .path("id").asInt());
    }

    /** {@code GET /schemas/ids/{id}}: the schema a writer registered. */
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, i -> {
            JsonNode answer = call("GET", "/schemas/ids/" + id, null, "fetch schema id " + id, true);
            String type = answer.path("schemaType").asString("AVRO");
            if (!"AVRO".equals(type)) {
                throw new UnreadableRecordException("schema id " + id + " is a " + type + " schema, not Avro");
            }
            return new Schema.Parser().parse(answer.path("schema").asString());
        });
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body, String what, boolean notFoundIsUnreadable) {
        IOException unreachable = null;
        for (URI base : urls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(base) + path))
                    .timeout(TIMEOUT).header("Accept", ACCEPT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                unreachable = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SerializationException("interrupted while trying to " + what, e);
            }
            if (response.statusCode() / 100 == 5 && base != urls.get(urls.size() - 1)) {
                continue; // this instance is unwell; another may answer
            }
            return answer(response, what, notFoundIsUnreadable);
        }
        throw new SerializationException("cannot " + what + ": no schema registry reachable at " + urls, unreachable);
    }

    private static String stripSlash(URI base) {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static JsonNode answer(HttpResponse<String> response, String what, boolean notFoundIsUnreadable) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            json = null;
        }
        if (response.statusCode() / 100 == 2 && json != null) {
            return json;
        }
        String reason = json != null && json.has("message")
                ? json.path("message").asString() + " (error_code " + json.path("error_code").asString() + ")"
                : response.body();
        String message = "cannot " + what + ": schema registry answered HTTP " + response.statusCode() + ": " + reason;
        // 404 on an id means the bytes name a schema that does not exist: no retry will ever read them
        throw notFoundIsUnreadable && response.statusCode() == 404
                ? new UnreadableRecordException(message) : new SerializationException(message);
    }
}
