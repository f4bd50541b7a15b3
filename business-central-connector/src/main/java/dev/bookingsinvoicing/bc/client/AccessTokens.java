package dev.bookingsinvoicing.bc.client;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientSecretCredentialBuilder;

/** The bearer token of each request: app-only client credentials (azure-identity caches and renews it), or fixed. */
@FunctionalInterface
public interface AccessTokens {

    String token();

    static AccessTokens of(BusinessCentralProperties properties) {
        return switch (properties.auth()) {
            case STATIC_TOKEN -> properties::staticToken;
            case CLIENT_SECRET -> {
                ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                        .tenantId(properties.tenantId()).clientId(properties.clientId())
                        .clientSecret(properties.clientSecret());
                if (properties.authorityHost() != null && !properties.authorityHost().isBlank()) {
                    builder.authorityHost(properties.authorityHost());
                }
                TokenCredential credential = builder.build();
                TokenRequestContext context = new TokenRequestContext().addScopes(properties.scope());
                yield () -> credential.getTokenSync(context).getToken();
            }
        };
    }
}
