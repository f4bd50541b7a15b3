package dev.bookingsinvoicing.sync.graph;

import java.net.URI;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import com.microsoft.kiota.store.BackingStoreFactory;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Graph;

import okhttp3.OkHttpClient;

/** Builds the Graph SDK client from {@code bookings.sync.graph.*}: a real tenant or the simulator. */
@Configuration(proxyBeanMethods = false)
public class GraphClientConfiguration {

    @Bean
    GraphServiceClient graphServiceClient(BookingSyncProperties properties) {
        return create(properties.graph());
    }

    /** A client for the given settings; the base URL is set so the simulator (plain http) works too. */
    public static GraphServiceClient create(Graph graph) {
        BaseBearerTokenAuthenticationProvider authentication = switch (graph.auth()) {
            case STATIC_TOKEN -> new BaseBearerTokenAuthenticationProvider(
                    new StaticTokenProvider(graph.staticToken(), graph.host()));
            case CLIENT_SECRET -> new AzureIdentityAuthenticationProvider(secretCredential(graph),
                    new String[] { graph.host() }, graph.scope());
            case CLIENT_CERTIFICATE -> new AzureIdentityAuthenticationProvider(certificateCredential(graph),
                    new String[] { graph.host() }, graph.scope());
        };
        // the SDK's retry handler is switched off: it would sleep up to 180 s per Retry-After with no budget per
        // run; GraphRetry retries each page fetch instead, bounded (bookings.sync.graph.max-retries, max-retry-wait)
        RequestOption[] options = { new RetryHandlerOption((delay, executionCount, request, response) -> false, 0,
                0) };
        OkHttpClient http = GraphClientFactory.create(authentication, options).callTimeout(graph.timeout()).build();
        GraphServiceClient client = new GraphServiceClient(new ReadOnlyRequestAdapter(authentication, http));
        client.getRequestAdapter().setBaseUrl(stripTrailingSlash(graph.baseUrl()) + "/v1.0");
        return client;
    }

    /** App-only client credentials; the secret goes to azure-identity and nowhere else (never logged or shown). */
    static TokenCredential secretCredential(Graph graph) {
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().tenantId(graph.tenantId())
                .clientId(graph.clientId()).clientSecret(graph.clientSecret());
        if (graph.authorityHost() != null && !graph.authorityHost().isBlank()) {
            builder.authorityHost(graph.authorityHost());
        }
        return builder.build();
    }

    static TokenCredential certificateCredential(Graph graph) {
        ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
                .tenantId(graph.tenantId()).clientId(graph.clientId());
        String path = graph.certificatePath();
        if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".pem")) {
            builder.pemCertificate(path);
        } else {
            builder.pfxCertificate(path).clientCertificatePassword(graph.certificatePassword());
        }
        if (graph.authorityHost() != null && !graph.authorityHost().isBlank()) {
            builder.authorityHost(graph.authorityHost());
        }
        return builder.build();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The SDK's request adapter without the backing store's change tracking: the client wraps its JSON parse node
     * factory so that every model parsed is marked "initialisation completed", which walks the model's store and
     * subscribes to each nested value (a sixth of the sync threads' samples in a profile of the benchmark). That
     * tracking exists to send only changed properties back in a PATCH; the sync only reads, so the plain parse node
     * factory is kept. Models still keep their values in their backing store and read them back as usual.
     */
    static final class ReadOnlyRequestAdapter extends BaseGraphRequestAdapter {

        ReadOnlyRequestAdapter(BaseBearerTokenAuthenticationProvider authentication, OkHttpClient http) {
            super(authentication, Clouds.GLOBAL_CLOUD, "v1.0", http);
        }

        @Override
        public void enableBackingStore(BackingStoreFactory backingStoreFactory) {
            // read-only: no change tracking (see above)
        }
    }

    /** Hands out a configured bearer token, only to the configured Graph host. */
    static final class StaticTokenProvider implements AccessTokenProvider {

        private final String token;
        private final AllowedHostsValidator allowedHosts;

        StaticTokenProvider(String token, String host) {
            this.token = token;
            this.allowedHosts = new AllowedHostsValidator(host);
        }

        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> additionalAuthenticationContext) {
            return allowedHosts.isUrlHostValid(uri) ? token : "";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return allowedHosts;
        }
    }
}
