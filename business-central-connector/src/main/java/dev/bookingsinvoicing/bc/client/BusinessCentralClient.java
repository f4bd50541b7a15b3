package dev.bookingsinvoicing.bc.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Business Central's API v2.0 for one company, over plain HTTP (there is no maintained Java SDK for it): find by a
 * field, create, change and delete entities of a set ({@code customers}, {@code items}, {@code salesInvoices}).
 * Every request keeps {@link RequestLimits}; 429, 503 and 504 are asked again after Retry-After (capped at
 * {@code backoff-max}) or exponential back-off (each pause between half and all of it), while the total pause stays
 * within {@code max-retry-wait}. Any other error is a {@link BusinessCentralException} with Business Central's code
 * and message.
 */
public final class BusinessCentralClient {

    private final BusinessCentralProperties properties;
    private final RequestLimits limits;
    private final AccessTokens tokens;
    private final HttpClient http;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public BusinessCentralClient(BusinessCentralProperties properties, RequestLimits limits, AccessTokens tokens) {
        this.properties = properties;
        this.limits = limits;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** The one entity of {@code set} whose {@code field} is {@code value} ({@code $filter=field eq 'value'}). */
    public Optional<JsonNode> findOne(String set, String field, String value) {
        String filter = field + " eq '" + value.replace("'", "''") + "'";
        JsonNode page = exchange("GET", properties.companyUrl() + "/" + set + "?$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"), null, null);
        JsonNode values = page.get("value");
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** POST: the created entity as Business Central answers it (id, number, {@code @odata.etag}, ...). */
    public JsonNode create(String set, ObjectNode entity) {
        return exchange("POST", properties.companyUrl() + "/" + set, entity, null);
    }

    /** PATCH with {@code If-Match: etag}. */
    public JsonNode patch(String set, String id, String etag, ObjectNode changes) {
        return exchange("PATCH", properties.companyUrl() + "/" + set + "(" + id + ")", changes, etag);
    }

    /** DELETE with {@code If-Match: etag}. */
    public void delete(String set, String id, String etag) {
        exchange("DELETE", properties.companyUrl() + "/" + set + "(" + id + ")", null, etag);
    }

    private JsonNode exchange(String method, String url, ObjectNode body, String ifMatch) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        Duration waited = Duration.ZERO;
        for (int attempt = 0;; attempt++) {
            HttpResponse<byte[]> response = send(builder, method, url);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
            }
            if (status != 429 && status != 503 && status != 504) {
                throw error(response);
            }
            Duration pause = pause(response, attempt);
            waited = waited.plus(pause);
            if (waited.compareTo(properties.maxRetryWait()) > 0) {
                throw BusinessCentralException.unavailable("Business Central answered " + status + " to " + method + " "
                        + url + " for longer than bookings.business-central.max-retry-wait ("
                        + properties.maxRetryWait() + ")", error(response));
            }
            if (status == 429) {
                limits.coolOff(pause); // every request of this process waits it out, not only this one
            } else {
                sleep(pause);
            }
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder, String method, String url) {
        try {
            return limits.call(() -> {
                try {
                    return http.send(builder.copy().header("Authorization", "Bearer " + tokens.token()).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    throw BusinessCentralException.unavailable(method + " " + url + " failed: " + e, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw BusinessCentralException.unavailable(method + " " + url + " interrupted", e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BusinessCentralException.unavailable(method + " " + url + " interrupted", e);
        }
    }

    /** Retry-After (seconds or an HTTP date) capped at backoff-max; else backoff-initial x 2^attempt, half to all. */
    private Duration pause(HttpResponse<byte[]> response, int attempt) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(BusinessCentralClient::retryAfter);
        Duration max = properties.backoffMax();
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(max) > 0 ? max : retryAfter.get();
        }
        long ceiling = Math.min(max.toMillis(), properties.backoffInitial().toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    static Optional<Duration> retryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private BusinessCentralException error(HttpResponse<byte[]> response) {
        String code = null;
        String message = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode error = mapper.readTree(response.body()).get("error");
            if (error != null) {
                code = error.path("code").asString(null);
                message = error.path("message").asString(message);
            }
        } catch (JacksonException notJson) {
            // the body as it is
        }
        return new BusinessCentralException(response.statusCode(), code, message, null);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BusinessCentralException.unavailable("interrupted while waiting to retry", e);
        }
    }
}
