package dev.bookingsinvoicing.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.simulator.SimulatorSettings.AppointmentTimeKeys;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** What the local stack's options make of the sync's Graph settings, decided without starting anything. */
class LocalStackApplicationTest {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "0f6d7a4c-2b1e-4c8e-9d3a-5e6f7a8b9c0d";
    static final String SECRET = "Very~S3cret.Client_Value";
    static final Map<String, String> APP_REGISTRATION = Map.of("BOOKINGS_GRAPH_TENANT_ID", TENANT,
            "BOOKINGS_GRAPH_CLIENT_ID", CLIENT, "BOOKINGS_GRAPH_CLIENT_SECRET", SECRET);

    @Test
    void byDefaultTheSyncReadsTheSimulatorWithItsStaticTokenAndEveryBusinessOfTheSimulatedTenant() {
        LocalStack.Settings settings = settings(APP_REGISTRATION);

        assertThat(settings.dataDir()).isEqualTo(Path.of("local-stack-data"));
        GraphSource.Simulator graph = (GraphSource.Simulator) settings.graph();
        assertThat(graph.settings().appointmentTimeKeys()).isEqualTo(AppointmentTimeKeys.START_DATE_TIME);
        assertThat(graph.settings().implausibleRecords()).isTrue();
        try (BookingsSimulator simulator = BookingsSimulator.start(graph.settings().withVolume(2, 3, 1, 0))) {
            assertThat(graph.syncArguments(simulator)).containsExactly(
                    "--bookings.sync.graph.base-url=" + simulator.baseUrl(),
                    "--bookings.sync.graph.auth=static-token",
                    "--bookings.sync.graph.static-token=simulator-token",
                    "--bookings.sync.businesses[0].id=ContosoSalon@contoso.onmicrosoft.com",
                    "--bookings.sync.businesses[1].id=FabrikamConsulting@fabrikam.onmicrosoft.com");
        }
    }

    @Test
    void theSimulatorAnswersUnderStartAndEndWhenAskedTo() {
        GraphSource.Simulator graph = (GraphSource.Simulator) settings(Map.of(), "--appointment-time-keys", "start_end",
                "--seed", "7", "--appointments-per-business", "20").graph();

        assertThat(graph.settings()).isEqualTo(SimulatorSettings.defaults().withSeed(7).withVolume(2, 20, 12, 20)
                .withAppointmentTimeKeys(AppointmentTimeKeys.START_END));
    }

    @Test
    void graphTenantPointsTheSyncAtMicrosoftGraphWithClientSecretAuthAndNeverPassesTheSecret() {
        LocalStack.Settings settings = settings(APP_REGISTRATION, "--graph", "tenant",
                "--business", "ContosoSalon@contoso.onmicrosoft.com", "--business", "Spa@contoso.onmicrosoft.com");

        assertThat(settings.dataDir()).isEqualTo(Path.of("local-stack-tenant-data"));
        GraphSource.Tenant graph = (GraphSource.Tenant) settings.graph();
        // tenant id, client id and secret reach the sync through its own ${BOOKINGS_GRAPH_...} placeholders
        assertThat(graph.syncArguments(null)).containsExactly(
                "--bookings.sync.graph.base-url=https://graph.microsoft.com",
                "--bookings.sync.graph.auth=client-secret",
                "--bookings.sync.businesses[0].id=ContosoSalon@contoso.onmicrosoft.com",
                "--bookings.sync.businesses[1].id=Spa@contoso.onmicrosoft.com");
        assertThat(graph.describe(null)).contains(TENANT, CLIENT, "ContosoSalon@contoso.onmicrosoft.com")
                .doesNotContain(SECRET);
        assertThat(graph.toString()).doesNotContain(SECRET);
    }

    @Test
    void aMissingVariableStopsItAtStartNamingWhatIsMissing() {
        Map<String, String> noSecret = new HashMap<>(APP_REGISTRATION);
        noSecret.put("BOOKINGS_GRAPH_CLIENT_SECRET", " ");
        StringWriter err = new StringWriter();

        int exit = execute(noSecret, err, "--graph", "tenant", "--business", "ContosoSalon@contoso.onmicrosoft.com");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValueSatisfying(message -> assertThat(message)
                .contains("missing: BOOKINGS_GRAPH_CLIENT_SECRET (").doesNotContain("BOOKINGS_GRAPH_TENANT_ID"));
        assertThat(err.toString()).contains("Usage: local-stack");
        assertThatThrownBy(() -> settings(Map.of(), "--graph", "tenant", "--business", "a@contoso.com"))
                .isInstanceOf(ParameterException.class).hasMessageContaining(
                        "missing: BOOKINGS_GRAPH_TENANT_ID, BOOKINGS_GRAPH_CLIENT_ID, BOOKINGS_GRAPH_CLIENT_SECRET");
    }

    @Test
    void noBusinessStopsItAtStartAndTheMessageNeverShowsTheSecret() {
        StringWriter err = new StringWriter();

        int exit = execute(APP_REGISTRATION, err, "--graph", "tenant");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no Bookings business to read: name each one with --business")
                .doesNotContain("missing:").doesNotContain(SECRET);
        assertThatThrownBy(() -> settings(Map.of(), "--graph", "tenant")).hasMessageContaining("missing: ")
                .hasMessageContaining("--business");
    }

    @Test
    void optionsThatDoNotFitTheSourceAreRefused() {
        assertThatThrownBy(() -> settings(APP_REGISTRATION, "--graph", "tenant", "--business", "not-a-mailbox"))
                .hasMessageContaining("'not-a-mailbox' is not a Bookings business id");
        assertThatThrownBy(() -> settings(APP_REGISTRATION, "--business", "ContosoSalon@contoso.onmicrosoft.com"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--graph tenant");
        assertThatThrownBy(() -> settings(APP_REGISTRATION, "--graph", "tenant", "--business", "a@contoso.com",
                "--seed", "7")).isInstanceOf(ParameterException.class).hasMessageContaining("--seed");
    }

    private static LocalStack.Settings settings(Map<String, String> environment, String... args) {
        LocalStackApplication application = new LocalStackApplication();
        application.environment = environment;
        LocalStackApplication.commandLine(application).parseArgs(args);
        return application.settings();
    }

    /** Runs the command as main does; only for arguments that must stop it before anything starts. */
    private static int execute(Map<String, String> environment, StringWriter err, String... args) {
        LocalStackApplication application = new LocalStackApplication();
        application.environment = environment;
        CommandLine commandLine = LocalStackApplication.commandLine(application);
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
