package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.bookingsinvoicing.localstack.LocalStack.Service;

/**
 * The edges of the running system: bad REST input gets a 4xx with an RFC 9457 problem detail and no stack trace;
 * writes need a user; the Graph client secret and the Kafka SASL password given as configuration appear neither in
 * the logs nor in actuator's /env and /configprops.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeInputAndSecretsTest {

    private static final String GRAPH_SECRET = "graph-client-secret-4f7c1e";
    private static final String SASL_PASSWORD = "kafka-sasl-password-9b2d7a";
    private static final Map<String, String> SECRETS = Map.of(
            "bookings.sync.graph.client-secret", GRAPH_SECRET,
            // PLAINTEXT listener: the JAAS config is carried by every client's configuration but not used
            "spring.kafka.properties.sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc\" password=\""
                    + SASL_PASSWORD + "\";");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private FaultStack stack;

    @BeforeAll
    void start() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        SECRETS.forEach(System::setProperty);
        try {
            stack = FaultStack.start("edges");
        } finally {
            SECRETS.keySet().forEach(System::clearProperty);
        }
    }

    @AfterAll
    void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void customerServiceAnswersBadInputWithProblemDetailsAndWritesNeedAUser() throws Exception {
        String customers = stack.stack.url(Service.CUSTOMERS);
        probe(List.of(
                new Probe("POST", customers + "/api/customer-templates", "admin:admin", "{not json", 400),
                new Probe("POST", customers + "/api/customer-templates", "admin:admin", "{}", 400),
                new Probe("POST", customers + "/api/customer-templates", null, "{}", 401)));
    }

    @Test
    void itemServiceAnswersBadInputWithProblemDetailsAndWritesNeedAUser() throws Exception {
        String items = stack.stack.url(Service.ITEMS);
        probe(List.of(
                new Probe("POST", items + "/api/item-templates", "admin:admin", "{\"code\":\"\"}", 400),
                new Probe("POST", items + "/api/item-templates", null, "{}", 401)));
    }

    @Test
    void syncServiceAnswersBadInputWithProblemDetailsAndWritesNeedAUser() throws Exception {
        String sync = stack.stack.syncUrl();
        probe(List.of(
                new Probe("PUT", sync + "/api/sync/setup/x%40y.example", "admin:admin", "{not json", 400),
                new Probe("PUT", sync + "/api/sync/setup/x%40y.example", null, "{}", 401),
                new Probe("POST", sync + "/api/sync/run?business=" + "b".repeat(5000), "admin:admin", "", 400)));
    }

    @Test
    void invoicingServiceAnswersBadInputWithProblemDetails() throws Exception {
        String invoicing = stack.stack.invoicingUrl();
        probe(List.of(
                new Probe("GET", invoicing + "/api/bookings-not-invoiced?size=-5", "operator:operator", null, 400),
                new Probe("GET", invoicing + "/api/bookings-not-invoiced?page=abc", "operator:operator", null, 400),
                new Probe("GET", invoicing + "/api/bookings-not-invoiced?from=not-a-date", "operator:operator", null,
                        400),
                new Probe("GET", invoicing + "/api/bookings-not-invoiced", null, null, 401),
                new Probe("GET", invoicing + "/api/draft-invoices", "viewer:wrong", null, 401),
                new Probe("POST", invoicing + "/api/commands", "viewer:viewer", "{}", 403)));
    }

    private void probe(List<Probe> probes) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            HttpResponse<String> response = http.send(probe.request(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String body = response.body();
            boolean problem = contentType.startsWith("application/problem+json");
            boolean stackTrace = body.contains("\tat ") || body.contains(".java:") || body.contains("Exception:");
            String line = String.format("%s %s -> %d %s%s", probe.method(), shorten(probe.url()), response.statusCode(),
                    contentType, stackTrace ? " STACK TRACE" : "");
            Report.line("edges", line + " " + shorten(body));
            if (response.statusCode() != probe.expected() || stackTrace
                    || (response.statusCode() >= 400 && !problem)) {
                failures.add(line + " (expected " + probe.expected() + " application/problem+json) body: "
                        + shorten(body));
            }
        }
        assertThat(failures).as("edge probes that did not answer as expected").isEmpty();
    }

    @Test
    void secretsDoNotAppearInTheLogs() {
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : event.getThrowableProxy().getMessage());
            if (text.contains(GRAPH_SECRET) || text.contains(SASL_PASSWORD)) {
                leaks.add("log " + event.getLoggerName() + ": " + shorten(text));
            }
        }
        Report.line("secrets", "log events of the stack's start-up checked: " + logs.list.size() + ", leaks: " + leaks);
        assertThat(leaks).isEmpty();
    }

    @Test
    void secretsDoNotAppearInActuatorEnvOrConfigprops() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (String base : List.of(stack.stack.syncUrl(), stack.stack.url(Service.CUSTOMERS), stack.stack.url(Service.ITEMS),
                stack.stack.invoicingUrl())) {
            urls.add(base + "/actuator/env");
            urls.add(base + "/actuator/configprops");
        }
        for (String url : urls) {
            for (String user : List.of("admin:admin", "operator:operator")) {
                HttpResponse<String> response = http.send(new Probe("GET", url, user, null, 200).request(),
                        HttpResponse.BodyHandlers.ofString());
                Report.line("secrets", "GET " + url + " as " + user.split(":")[0] + " -> " + response.statusCode()
                        + ", " + response.body().length() + " chars");
                for (String secret : List.of(GRAPH_SECRET, SASL_PASSWORD)) {
                    int at = response.body().indexOf(secret);
                    if (at >= 0) {
                        leaks.add("GET " + url + " as " + user.split(":")[0] + " shows " + secret + " in ..."
                                + response.body().substring(Math.max(0, at - 120), at + secret.length()));
                    }
                }
            }
        }
        Report.line("secrets", "actuator leaks: " + leaks);
        assertThat(leaks).isEmpty();
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    private record Probe(String method, String url, String user, String body, int expected) {

        HttpRequest request() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            if (user != null) {
                builder.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            }
            return builder.header("Accept", "application/json, application/problem+json").build();
        }
    }
}
