package dev.bookingsinvoicing.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;


/**
 * A Schema Registry on loopback that follows the documented REST API for the calls the Confluent wire format uses
 * ({@code POST /subjects/{subject}/versions}, {@code POST /subjects/{subject}}, {@code GET /schemas/ids/{id}}),
 * with its error bodies ({@code {"error_code": 40403, "message": ...}}). Ids are global: the same schema under two
 * subjects has one id, as in the real registry. It logs every request so tests can see what a client asked.
 */
final class SchemaRegistryStub implements AutoCloseable {

    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpServer server;
    private final String requiredAuthorization;
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** @param requiredAuthorization the exact {@code Authorization} header to demand, or {@code null} */
    SchemaRegistryStub(String requiredAuthorization) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** "METHOD path" of every request, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized Schema schema(int id) {
        return new Schema.Parser().parse(schemasById.get(id));
    }

    synchronized List<Integer> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            if (requiredAuthorization != null
                    && !requiredAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 401, "Unauthorized");
                return;
            }
            Matcher matcher;
            if ("POST".equals(method) && (matcher = REGISTER.matcher(path)).matches()) {
                register(exchange, matcher.group(1));
            } else if ("POST".equals(method) && (matcher = LOOKUP.matcher(path)).matches()) {
                lookup(exchange, matcher.group(1));
            } else if ("GET".equals(method) && (matcher = BY_ID.matcher(path)).matches()) {
                byId(exchange, Integer.parseInt(matcher.group(1)));
            } else {
                error(exchange, 404, 404, "HTTP 404 Not Found");
            }
        }
    }

    private synchronized void register(HttpExchange exchange, String subject) throws IOException {
        String schema = requestSchema(exchange);
        if (schema == null) {
            return;
        }
        int id = idsBySchema.computeIfAbsent(schema, s -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, s);
            return next;
        });
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        respond(exchange, 200, JSON.createObjectNode().put("id", id));
    }

    private synchronized void lookup(HttpExchange exchange, String subject) throws IOException {
        String schema = requestSchema(exchange);
        if (schema == null) {
            return;
        }
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
            return;
        }
        Integer id = idsBySchema.get(schema);
        if (id == null || !versions.contains(id)) {
            error(exchange, 404, 40403, "Schema not found");
            return;
        }
        respond(exchange, 200, JSON.createObjectNode().put("subject", subject).put("id", id)
                .put("version", versions.indexOf(id) + 1).put("schema", schema));
    }

    private synchronized void byId(HttpExchange exchange, int id) throws IOException {
        String schema = schemasById.get(id);
        if (schema == null) {
            error(exchange, 404, 40403, "Schema " + id + " not found");
            return;
        }
        respond(exchange, 200, JSON.createObjectNode().put("schema", schema));
    }

    /** The schema of a request body in the registry's normal form, or {@code null} after answering an error. */
    private static String requestSchema(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.contains("json")) {
            error(exchange, 415, 415, "HTTP 415 Unsupported Media Type");
            return null;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        }
        if (!body.path("schemaType").asString("AVRO").equals("AVRO")) {
            error(exchange, 422, 42201, "Only AVRO schemas in this stub");
            return null;
        }
        try {
            return new Schema.Parser().parse(body.path("schema").asString()).toString();
        } catch (SchemaParseException e) {
            error(exchange, 422, 42201, "Either the input schema or one its references is invalid");
            return null;
        }
    }

    private static void error(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
        respond(exchange, status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
