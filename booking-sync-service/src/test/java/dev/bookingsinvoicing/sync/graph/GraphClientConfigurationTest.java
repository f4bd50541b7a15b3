package dev.bookingsinvoicing.sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.microsoft.graph.serviceclient.GraphServiceClient;

import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Auth;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties.Graph;

@ExtendWith(OutputCaptureExtension.class)
class GraphClientConfigurationTest {

    @Test
    void aRealTenantClientTalksToTheConfiguredGraphAndNeverShowsItsSecret() {
        Graph graph = new Graph("https://graph.microsoft.com", Auth.CLIENT_SECRET, null, "tenant", "client",
                "s3cret", 2, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5),
                null, "pfx-pa55", null);
        GraphServiceClient client = GraphClientConfiguration.create(graph);
        assertThat(client.getRequestAdapter().getBaseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(graph.toString()).doesNotContain("s3cret").doesNotContain("pfx-pa55").contains("clientId=client");
    }

    @Test
    void aFailingTokenRequestNeverShowsTheSecretInTheExceptionOrTheLog(CapturedOutput output) {
        // an authority host where nothing listens: the token request fails without leaving this machine
        Graph graph = new Graph("https://graph.microsoft.com", Auth.CLIENT_SECRET, null,
                "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002",
                "Tr1cky~Secret.Value", 0, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(5), null, null, "https://localhost:1/");
        assertThat(graph.scope()).isEqualTo("https://graph.microsoft.com/.default");
        GraphServiceClient client = GraphClientConfiguration.create(graph);

        Throwable failure = catchThrowable(() -> client.solutions().bookingBusinesses()
                .byBookingBusinessId("salon@contoso.com").get());

        assertThat(failure).isNotNull();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("Tr1cky~Secret.Value");
        assertThat(output.getAll()).doesNotContain("Tr1cky~Secret.Value");
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
                "secret", 2, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5),
                null, null, null)).hasMessageContaining("bookings.sync.graph.tenant-id");
        assertThatThrownBy(() -> new Graph("https://graph.microsoft.com", Auth.CLIENT_CERTIFICATE, null, "tenant",
                "client", null, 2, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofMinutes(5), null, null, null)).hasMessageContaining("certificate-path are required");
        assertThatThrownBy(() -> new Graph("http://localhost:8090", Auth.STATIC_TOKEN, "", null, null, null, 2,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5), null, null,
                null)).hasMessageContaining("bookings.sync.graph.static-token");
    }
}
