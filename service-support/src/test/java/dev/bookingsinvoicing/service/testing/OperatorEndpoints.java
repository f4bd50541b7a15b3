package dev.bookingsinvoicing.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What every service shows operators besides its API, checked the same way in each service's tests against the
 * running service: {@code /actuator/prometheus} and {@code /v3/api-docs} need a user, the OpenAPI document matches the
 * service's own request mappings, {@code /actuator/info} matches the build's output.
 */
public final class OperatorEndpoints {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };

    private final RestClient anonymous;
    private final RestClient user;

    /** The service on {@code port}, read as {@code user} (HTTP Basic) where a user is needed. */
    public OperatorEndpoints(int port, String user, String password) {
        this.anonymous = RestClient.builder().baseUrl("http://localhost:" + port).build();
        this.user = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(user, password)).build();
    }

    /** The Prometheus scrape, after checking that it needs a user. */
    public String prometheus() {
        assertThat(anonymousStatus("/actuator/prometheus")).as("/actuator/prometheus without credentials")
                .isEqualTo(401);
        return user.get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    /** The HTTP status of a GET without credentials, as a script (no browser) sees it. */
    public int anonymousStatus(String path) {
        return anonymous.get().uri(path).header("Accept", "application/json")
                .exchange((request, response) -> response.getStatusCode().value());
    }

    /**
     * {@code /v3/api-docs} (and Swagger UI) need a user, and its document lists the API as
     * {@link #assertDocumentsEveryApiEndpoint(Map, RequestMappingHandlerMapping)} says.
     */
    public void assertDocumentsEveryApiEndpoint(RequestMappingHandlerMapping mappings) {
        assertThat(anonymousStatus("/v3/api-docs")).as("/v3/api-docs without credentials").isEqualTo(401);
        assertThat(anonymousStatus("/swagger-ui/index.html")).as("Swagger UI without credentials").isIn(302, 401);
        assertThat(user.get().uri("/swagger-ui/index.html").retrieve().body(String.class)).contains("Swagger UI");
        assertDocumentsEveryApiEndpoint(user.get().uri("/v3/api-docs").retrieve().body(JSON_OBJECT), mappings);
    }

    /** {@code /actuator/info}, open as health is, shows the build and the commit (see the static method). */
    public void assertInfoShowsBuildAndCommit(String version) {
        assertInfoShowsBuildAndCommit(anonymous.get().uri("/actuator/info").retrieve().body(JSON_OBJECT), version);
    }

    /**
     * Every handler method mapped under {@code /api/} is an operation of the document, with a problem-detail answer
     * for 400, 401 and 403 (and 404 when its path has a variable); the document lists nothing else (no page routes).
     */
    @SuppressWarnings("unchecked")
    public static void assertDocumentsEveryApiEndpoint(Map<String, Object> apiDocs,
            RequestMappingHandlerMapping mappings) {
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) apiDocs.get("paths");
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> endpoints.addAll(apiEndpoints(info, method.toString())));
        assertThat(endpoints).as("the service's API endpoints").isNotEmpty();
        for (String endpoint : endpoints) {
            String[] methodAndPath = endpoint.split(" ", 2);
            Map<String, Object> item = paths.get(methodAndPath[1]);
            assertThat(item).as("%s is in /v3/api-docs", endpoint).isNotNull();
            Map<String, Object> operation = (Map<String, Object>) item.get(methodAndPath[0]);
            assertThat(operation).as("%s is in /v3/api-docs", endpoint).isNotNull();
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            List<String> errors = new ArrayList<>(List.of("400", "401", "403"));
            if (methodAndPath[1].contains("{")) {
                errors.add("404");
            }
            for (String status : errors) {
                Map<String, Object> content = (Map<String, Object>) responses.get(status).get("content");
                assertThat(content).as("%s answers %s", endpoint, status).containsOnlyKeys(PROBLEM_JSON);
                assertThat((Map<String, Object>) ((Map<String, Object>) content.get(PROBLEM_JSON)).get("schema"))
                        .as("%s answers %s", endpoint, status).containsEntry("$ref", PROBLEM_SCHEMA);
            }
        }
        long operations = paths.values().stream().mapToLong(item -> item.keySet().stream()
                .filter(key -> List.of("get", "put", "post", "delete", "patch").contains(key)).count()).sum();
        assertThat(operations).as("operations in /v3/api-docs, one per API endpoint").isEqualTo(endpoints.size());
        assertThat(paths.keySet()).allMatch(path -> path.startsWith("/api/"));
    }

    /** "get /api/x/{id}" for each method and pattern under /api/ (a pattern's regex, {id:.+}, is left out). */
    private static List<String> apiEndpoints(RequestMappingInfo info, String handler) {
        List<String> endpoints = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            if (pattern.startsWith("/api/")) {
                assertThat(info.getMethodsCondition().getMethods()).as("%s names its HTTP methods", handler)
                        .isNotEmpty();
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(method.name().toLowerCase() + " " + pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}"));
                }
            }
        }
        return endpoints;
    }

    /**
     * {@code /actuator/info} shows the build's version and the commit it was built from, as the build wrote it in
     * {@code git.properties} (the tests run in a git checkout; a build without one leaves the file out).
     */
    @SuppressWarnings("unchecked")
    public static void assertInfoShowsBuildAndCommit(Map<String, Object> info, String version) {
        assertThat((Map<String, Object>) info.get("build")).containsEntry("version", version);
        Properties git = new Properties();
        try (InputStream in = OperatorEndpoints.class.getResourceAsStream("/git.properties")) {
            assertThat(in).as("git.properties written by the build").isNotNull();
            git.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> commit = (Map<String, Object>) ((Map<String, Object>) info.get("git")).get("commit");
        assertThat(commit).containsEntry("id", git.getProperty("git.commit.id.abbrev"));
    }
}
