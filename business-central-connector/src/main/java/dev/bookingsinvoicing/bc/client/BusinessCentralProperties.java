package dev.bookingsinvoicing.bc.client;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the connector writes and how ({@code bookings.business-central}); secrets never appear in {@link #toString()}.
 *
 * @param baseUrl               the API host: https://api.businesscentral.dynamics.com, or the simulator's
 * @param tenantId              the Entra directory (tenant) id, also the first path segment of the API's URLs
 * @param environment           the Business Central environment, e.g. production or sandbox
 * @param companyId             the company's id (GET .../api/v2.0/companies lists them)
 * @param auth                  client-secret (Business Central online) or static-token (the simulator)
 * @param clientId              the Entra app registration's application (client) id
 * @param clientSecret          its client secret (never shown)
 * @param staticToken           the bearer token sent with auth=static-token (never shown)
 * @param authorityHost         Entra ID login host (empty: https://login.microsoftonline.com)
 * @param scope                 the token's scope
 * @param maxConcurrentRequests requests in flight at once (Business Central processes a few per user at a time and
 *                              queues the rest; documented ceiling 100)
 * @param requestsPerWindow     requests allowed per window (Business Central online: 6,000 per user in 5 minutes)
 * @param window                the sliding window of that limit
 * @param timeout               per request (Business Central answers 504 after 10 minutes)
 * @param backoffInitial        first pause after a 429/503/504 without Retry-After; doubles, each pause drawn
 *                              between half and all of it
 * @param backoffMax            longest single pause, also the cap on a Retry-After
 * @param maxRetryWait          total pause for one request; past it the record goes to the shared error policy
 *                              (retried, then dead-lettered)
 * @param localCurrencyCode     the company's local currency (LCY), sent as an empty currencyCode as Business Central
 *                              expects; empty: every invoice names its currency
 * @param listenerConcurrency   consumer threads per listened topic
 */
@Validated
@ConfigurationProperties("bookings.business-central")
public record BusinessCentralProperties(
        @DefaultValue("https://api.businesscentral.dynamics.com") @NotBlank String baseUrl,
        String tenantId, @DefaultValue("production") @NotBlank String environment, String companyId,
        @DefaultValue("client-secret") @NotNull Auth auth, String clientId, String clientSecret, String staticToken,
        String authorityHost, @DefaultValue("https://api.businesscentral.dynamics.com/.default") @NotBlank String scope,
        @DefaultValue("5") @Min(1) @Max(100) int maxConcurrentRequests,
        @DefaultValue("6000") @Min(1) int requestsPerWindow, @DefaultValue("5m") @NotNull Duration window,
        @DefaultValue("120s") @NotNull Duration timeout, @DefaultValue("1s") @NotNull Duration backoffInitial,
        @DefaultValue("60s") @NotNull Duration backoffMax, @DefaultValue("4m") @NotNull Duration maxRetryWait,
        @DefaultValue("") String localCurrencyCode, @DefaultValue("2") @Min(1) int listenerConcurrency) {

    /** How the connector gets its bearer token. */
    public enum Auth {
        /** OAuth client credentials of an Entra app registration (azure-identity). */
        CLIENT_SECRET,
        /** A configured token (the simulator). */
        STATIC_TOKEN
    }

    public BusinessCentralProperties {
        // fail at start-up naming the missing setting, not at the first invoice
        if (isBlank(tenantId) || isBlank(companyId)) {
            throw new IllegalArgumentException("bookings.business-central.tenant-id and company-id are required");
        }
        if (URI.create(baseUrl).getHost() == null) {
            throw new IllegalArgumentException("bookings.business-central.base-url has no host: " + baseUrl);
        }
        if (auth == Auth.CLIENT_SECRET && (isBlank(clientId) || isBlank(clientSecret))) {
            throw new IllegalArgumentException("bookings.business-central.client-id and client-secret are required "
                    + "when bookings.business-central.auth=client-secret");
        }
        if (auth == Auth.STATIC_TOKEN && isBlank(staticToken)) {
            throw new IllegalArgumentException("bookings.business-central.static-token is required when "
                    + "bookings.business-central.auth=static-token");
        }
    }

    /** {@code {baseUrl}/v2.0/{tenant}/{environment}/api/v2.0/companies({companyId})}. */
    public String companyUrl() {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/v2.0/" + tenantId + "/" + environment + "/api/v2.0/companies(" + companyId + ")";
    }

    /**
     * Requests per second such that no sliding window of {@link #window} ever holds more than
     * {@link #requestsPerWindow}: a window of w seconds overlaps at most w + 1 one-second cycles.
     */
    public int requestsPerSecond() {
        return Math.max(1, (int) (requestsPerWindow / (window.toSeconds() + 1)));
    }

    @Override
    public String toString() {
        return "BusinessCentral[baseUrl=" + baseUrl + ", tenantId=" + tenantId + ", environment=" + environment
                + ", companyId=" + companyId + ", auth=" + auth + ", clientId=" + clientId + ", clientSecret="
                + mask(clientSecret) + ", staticToken=" + mask(staticToken) + ", maxConcurrentRequests="
                + maxConcurrentRequests + ", requestsPerWindow=" + requestsPerWindow + ", window=" + window + "]";
    }

    private static String mask(String secret) {
        return secret == null ? null : "****";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
