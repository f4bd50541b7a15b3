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
 * @param enabled            whether the scheduled sync runs (the API can still trigger a run)
 * @param interval           pause between the end of one scheduler tick and the next; a business with a longer
 *                           sync-interval of its own is skipped until it is due
 * @param lookback           how far back a full-window run reads the calendar (appointments changed or cancelled
 *                           further back are no longer seen)
 * @param overlap            an incremental run reads from the last watermark minus this, so appointments that Graph
 *                           shows late (clock skew, edits at the boundary) are not missed
 * @param reconcileInterval  at least this often each business gets a full-window run, which is what detects changes
 *                           and cancellations of appointments that ended before the incremental window
 * @param parallelBusinesses how many businesses one run syncs at the same time (1 = one after the other); each
 *                           business is read with one request in flight, so each Bookings mailbox sees at most one
 *                           concurrent request whatever this is (Graph's Outlook limit is 4 per app and mailbox)
 * @param graph              where Graph is and how to authenticate
 * @param businesses         the Bookings businesses that seed the setup collection (inserted when absent; after
 *                           that the setup API owns them)
 */
@Validated
@ConfigurationProperties("bookings.sync")
public record BookingSyncProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") @NotNull Duration interval,
        @DefaultValue("P90D") @NotNull Duration lookback, @DefaultValue("PT15M") @NotNull Duration overlap,
        @DefaultValue("PT1H") @NotNull Duration reconcileInterval,
        @DefaultValue("4") @Min(1) @Max(64) int parallelBusinesses, @Valid @NotNull @DefaultValue Graph graph,
        @Valid @NotNull @DefaultValue List<Business> businesses) {

    /**
     * One Bookings business as seeded from configuration (BC's "Booking Sync" setup row, table 6702).
     *
     * @param id                   the business id, its mailbox address
     * @param customerFilter       which Bookings customers are published, see {@code SetupFilter} (empty = all)
     * @param customerTemplateCode the customer template customer-service applies to this business's customers
     * @param itemFilter           which Bookings services are published, see {@code SetupFilter} (empty = all)
     * @param itemTemplateCode     the item template item-service applies to this business's services
     * @param syncInterval         how often this business is synced (null = every {@code bookings.sync.interval})
     */
    public record Business(@NotBlank String id, String displayName, @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean syncCustomers, @DefaultValue("") String customerFilter,
            @DefaultValue("") String customerTemplateCode, @DefaultValue("true") boolean syncServices,
            @DefaultValue("") String itemFilter, @DefaultValue("") String itemTemplateCode, Duration syncInterval) {
    }

    /** How the Graph client authenticates. */
    public enum Auth {
        /** A fixed bearer token: the simulator, or a token obtained elsewhere. */
        STATIC_TOKEN,
        /** OAuth client credentials of an Entra app registration with a client secret (a real tenant). */
        CLIENT_SECRET,
        /** OAuth client credentials of an Entra app registration with a certificate (PEM or PFX file). */
        CLIENT_CERTIFICATE
    }

    /**
     * Graph endpoint and credentials; secrets never appear in {@link #toString()}.
     *
     * @param baseUrl         Graph root without the version, e.g. https://graph.microsoft.com or http://localhost:8090
     * @param auth            static-token (the simulator), client-secret or client-certificate (a real tenant)
     * @param staticToken     the bearer token sent with auth=static-token (never shown)
     * @param tenantId        the Entra directory (tenant) id of the app registration
     * @param clientId        the app registration's application (client) id
     * @param clientSecret    the app registration's client secret for auth=client-secret (never shown)
     * @param maxRetries      retries of one request answered 429/503/504 (or timed out) before the run of that
     *                        business fails; the SDK's own retry handler is switched off so these are the only ones
     * @param timeout         per-request timeout
     * @param backoffInitial  first pause when Graph sends no Retry-After; doubles per retry, with full jitter
     * @param backoffMax      longest single pause, also the cap on a Retry-After
     * @param maxRetryWait    total pause per business per run; a run that would wait longer fails (and is repeated
     *                        from the same watermark next time)
     * @param certificatePath     PEM or PFX file of the app's certificate (auth=client-certificate)
     * @param certificatePassword password of a PFX file (never shown)
     * @param authorityHost       Entra ID login host, e.g. https://login.microsoftonline.us for US Government
     *                            (empty = the public cloud's https://login.microsoftonline.com)
     */
    public record Graph(@DefaultValue("https://graph.microsoft.com") @NotBlank String baseUrl,
            @DefaultValue("client-secret") @NotNull Auth auth, String staticToken, String tenantId, String clientId,
            String clientSecret, @DefaultValue("5") @Min(0) @Max(20) int maxRetries,
            @DefaultValue("PT30S") @NotNull Duration timeout, @DefaultValue("PT1S") @NotNull Duration backoffInitial,
            @DefaultValue("PT60S") @NotNull Duration backoffMax, @DefaultValue("PT5M") @NotNull Duration maxRetryWait,
            String certificatePath, String certificatePassword, String authorityHost) {

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
            if (auth == Auth.CLIENT_CERTIFICATE && (isBlank(tenantId) || isBlank(clientId) || isBlank(certificatePath))) {
                throw new IllegalArgumentException("bookings.sync.graph.tenant-id, client-id and certificate-path are "
                        + "required when bookings.sync.graph.auth=client-certificate");
            }
        }

        /** Graph's scope for app-only tokens on this Graph host, e.g. https://graph.microsoft.com/.default. */
        public String scope() {
            return "https://" + host() + "/.default";
        }

        public String host() {
            return URI.create(baseUrl).getHost();
        }

        @Override
        public String toString() {
            return "Graph[baseUrl=" + baseUrl + ", auth=" + auth + ", staticToken=" + mask(staticToken) + ", tenantId="
                    + tenantId + ", clientId=" + clientId + ", clientSecret=" + mask(clientSecret) + ", maxRetries="
                    + maxRetries + ", timeout=" + timeout + ", backoffInitial=" + backoffInitial + ", backoffMax=" + backoffMax
                    + ", maxRetryWait=" + maxRetryWait + ", certificatePath=" + certificatePath
                    + ", certificatePassword=" + mask(certificatePassword) + ", authorityHost=" + authorityHost + "]";
        }

        private static String mask(String secret) {
            return secret == null ? null : "****";
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
