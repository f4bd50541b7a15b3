package dev.bookingsinvoicing.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.SimulatedTenant;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.setup.BusinessId;

/**
 * Where the local stack's booking-sync-service reads Microsoft Bookings: the embedded simulator or a real Microsoft
 * 365 tenant. The one place that decides the sync's Graph settings in the stack.
 */
public sealed interface GraphSource {

    /** The arguments that point booking-sync-service here; {@code simulator} is the running one (null for a tenant). */
    List<String> syncArguments(BookingsSimulator simulator);

    /** What the sync reads, for the banner the stack prints when it is ready. */
    String describe(BookingsSimulator simulator);

    /** The embedded Graph simulator, generating its tenant from these settings (its port comes from the stack). */
    record Simulator(SimulatorSettings settings) implements GraphSource {

        public Simulator {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public List<String> syncArguments(BookingsSimulator simulator) {
            List<String> args = new ArrayList<>(List.of(
                    "--bookings.sync.graph.base-url=" + simulator.baseUrl(),
                    "--bookings.sync.graph.auth=static-token",
                    "--bookings.sync.graph.static-token=" + simulator.accessToken()));
            List<SimulatedTenant.Business> businesses = simulator.tenant().businesses();
            for (int i = 0; i < businesses.size(); i++) {
                args.add("--bookings.sync.businesses[" + i + "].id=" + businesses.get(i).id());
            }
            return args;
        }

        @Override
        public String describe(BookingsSimulator simulator) {
            return String.format("Bookings simulator        %s/v1.0/solutions/bookingBusinesses   (token %s, times under %s/%s)",
                    simulator.baseUrl(), simulator.accessToken(), settings.appointmentTimeKeys().startKey(),
                    settings.appointmentTimeKeys().endKey());
        }
    }

    /**
     * A real tenant at {@value #GRAPH}, read app-only with a client secret, for these businesses (mailbox addresses:
     * an app-only token cannot list them). Tenant id, client id and secret are read by the sync from the environment
     * variables it always reads, so the secret is never an argument, never in a record, never printed.
     */
    record Tenant(List<String> businesses, String tenantId, String clientId) implements GraphSource {

        public static final String GRAPH = "https://graph.microsoft.com";
        public static final String TENANT_ID = "BOOKINGS_GRAPH_TENANT_ID";
        public static final String CLIENT_ID = "BOOKINGS_GRAPH_CLIENT_ID";
        public static final String CLIENT_SECRET = "BOOKINGS_GRAPH_CLIENT_SECRET";

        private static final String NO_BUSINESS = "no Bookings business to read: name each one with --business "
                + "<mailbox address>, e.g. --business ContosoSalon@contoso.onmicrosoft.com (an app-only token cannot "
                + "list a tenant's businesses)";

        public Tenant {
            businesses = List.copyOf(businesses);
            if (businesses.isEmpty()) {
                throw new IllegalArgumentException(NO_BUSINESS);
            }
            businesses.forEach(BusinessId::requireValid);
        }

        /**
         * The tenant of the environment's app registration, or an IllegalArgumentException naming every variable
         * that is missing, and the business if none is named.
         */
        public static Tenant fromEnvironment(List<String> businesses, Map<String, String> environment) {
            List<String> missing = new ArrayList<>();
            for (String variable : List.of(TENANT_ID, CLIENT_ID, CLIENT_SECRET)) {
                String value = environment.get(variable);
                if (value == null || value.isBlank()) {
                    missing.add(variable);
                }
            }
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                problems.add("reading a real tenant needs its app registration in the environment; missing: "
                        + String.join(", ", missing) + " (the Directory (tenant) ID, the Application (client) ID and "
                        + "a client secret's value; see docs/real-tenant.md)");
            }
            if (businesses.isEmpty()) {
                problems.add(NO_BUSINESS);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new Tenant(businesses, environment.get(TENANT_ID), environment.get(CLIENT_ID));
        }

        @Override
        public List<String> syncArguments(BookingsSimulator simulator) {
            // base URL and auth are set here because a shell that ran the simulator may still export other values;
            // the tenant id, client id and secret reach the sync through its own ${BOOKINGS_GRAPH_...} placeholders
            List<String> args = new ArrayList<>(List.of(
                    "--bookings.sync.graph.base-url=" + GRAPH,
                    "--bookings.sync.graph.auth=client-secret"));
            for (int i = 0; i < businesses.size(); i++) {
                args.add("--bookings.sync.businesses[" + i + "].id=" + businesses.get(i));
            }
            return args;
        }

        @Override
        public String describe(BookingsSimulator simulator) {
            return String.format("Microsoft Graph           %s/v1.0   (tenant %s, app %s, secret from %s; businesses %s)",
                    GRAPH, tenantId, clientId, CLIENT_SECRET, String.join(", ", businesses));
        }
    }
}
