package dev.bookingsinvoicing.sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.graph.serviceclient.GraphServiceClient;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Auth;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Graph;

class GraphClientConfigurationTest {

    @Test
    void aRealTenantClientTalksToTheConfiguredGraphAndNeverShowsItsSecret() {
        Graph graph = new Graph("https://graph.microsoft.com", Auth.CLIENT_SECRET, null, "tenant", "client",
                "s3cret", 2, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
        GraphServiceClient client = GraphClientConfiguration.create(graph);
        assertThat(client.getRequestAdapter().getBaseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(graph.toString()).doesNotContain("s3cret").contains("clientId=client");
    }

    @Test
    void theStaticTokenGoesOnlyToTheConfiguredHost() {
        var provider = new GraphClientConfiguration.StaticTokenProvider("token", "localhost");
        assertThat(provider.getAuthorizationToken(URI.create("http://localhost:8090/v1.0/x"), Map.of()))
                .isEqualTo("token");
        assertThat(provider.getAuthorizationToken(URI.create("https://evil.example/v1.0/x"), Map.of())).isEmpty();
    }

    @Test
    void missingCredentialsFailWithTheSettingName() {
        assertThatThrownBy(() -> new Graph("https://graph.microsoft.com", Auth.CLIENT_SECRET, null, null, "client",
                "secret", 2, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5)))
                .hasMessageContaining("bookings.sync.graph.tenant-id");
        assertThatThrownBy(() -> new Graph("http://localhost:8090", Auth.STATIC_TOKEN, "", null, null, null, 2,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5))).hasMessageContaining("bookings.sync.graph.static-token");
    }
}
