package dev.bookingsinvoicing.sync.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of the Bookings sync ({@code bookings.sync.*}): which businesses, how often, how far back, and how to
 * reach Graph.
 *
 * @param enabled    whether the scheduled sync runs (the API can still trigger a run)
 * @param interval   pause between the end of one run and the start of the next
 * @param lookback   how far back each run reads the calendar (appointments changed or cancelled further back are
 *                   no longer seen)
 * @param graph      where Graph is and how to authenticate
 * @param businesses the Bookings businesses to sync, by mailbox address
 */
@Validated
@ConfigurationProperties("bookings.sync")
public record BookingSyncProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") @NotNull Duration interval,
        @DefaultValue("P90D") @NotNull Duration lookback, @Valid @NotNull @DefaultValue Graph graph,
        @Valid @NotNull @DefaultValue List<Business> businesses) {

    /** The businesses that are enabled. */
    public List<Business> enabledBusinesses() {
        return businesses.stream().filter(Business::enabled).toList();
    }

    /** One Bookings business (BC's "Booking Sync" setup row). */
    public record Business(@NotBlank String id, @DefaultValue("true") boolean enabled) {
    }

    /** How the Graph client authenticates. */
    public enum Auth {
        /** A fixed bearer token: the simulator, or a token obtained elsewhere. */
        STATIC_TOKEN,
        /** OAuth client credentials of an Entra app registration (a real tenant). */
        CLIENT_SECRET
    }

    /**
     * Graph endpoint and credentials; secrets never appear in {@link #toString()}.
     *
     * @param baseUrl    Graph root without the version, e.g. https://graph.microsoft.com or http://localhost:8090
     * @param maxRetries retries of 429/503/504 by the SDK's retry handler (it honours Retry-After up to 180 s)
     * @param timeout    per-request timeout
     */
    public record Graph(@DefaultValue("https://graph.microsoft.com") @NotBlank String baseUrl,
            @DefaultValue("client-secret") @NotNull Auth auth, String staticToken, String tenantId, String clientId,
            String clientSecret, @DefaultValue("2") @Min(0) @Max(10) int maxRetries,
            @DefaultValue("PT30S") @NotNull Duration timeout) {

        public Graph {
            // fail at start-up with the name of the missing setting, not at the first sync
            if (baseUrl != null && !baseUrl.isBlank() && URI.create(baseUrl).getHost() == null) {
                throw new IllegalArgumentException("bookings.sync.graph.base-url has no host: " + baseUrl);
            }
            if (auth == Auth.STATIC_TOKEN && isBlank(staticToken)) {
                throw new IllegalArgumentException(
                        "bookings.sync.graph.static-token is required when bookings.sync.graph.auth=static-token");
            }
            if (auth == Auth.CLIENT_SECRET && (isBlank(tenantId) || isBlank(clientId) || isBlank(clientSecret))) {
                throw new IllegalArgumentException("bookings.sync.graph.tenant-id, client-id and client-secret are "
                        + "required when bookings.sync.graph.auth=client-secret");
            }
        }

        public String host() {
            return URI.create(baseUrl).getHost();
        }

        @Override
        public String toString() {
            return "Graph[baseUrl=" + baseUrl + ", auth=" + auth + ", staticToken=" + mask(staticToken) + ", tenantId="
                    + tenantId + ", clientId=" + clientId + ", clientSecret=" + mask(clientSecret) + ", maxRetries="
                    + maxRetries + ", timeout=" + timeout + "]";
        }

        private static String mask(String secret) {
            return secret == null ? null : "****";
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
