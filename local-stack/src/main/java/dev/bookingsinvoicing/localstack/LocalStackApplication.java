package dev.bookingsinvoicing.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.bookingsinvoicing.bcsimulator.BusinessCentralSimulator;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.simulator.SimulatorSettings.AppointmentTimeKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code java -jar local-stack/target/local-stack-exec.jar}: starts the whole system on this machine and keeps it running until Ctrl-C. */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
        description = "Runs a Kafka broker, an embedded MongoDB server, the Bookings simulator (or, with --graph tenant, "
                + "your Microsoft 365 tenant) and all four services.")
public final class LocalStackApplication implements Callable<Integer> {

    /** What booking-sync-service reads. */
    enum GraphMode {
        SIMULATOR, TENANT
    }

    /** Where draft invoices go besides Kafka: nowhere (default), the Business Central simulator, or BC_* Business Central. */
    enum BusinessCentralMode {
        OFF, SIMULATOR, TENANT
    }

    static final int BUSINESS_CENTRAL_CONNECTOR_PORT = 8084;
    static final Path SIMULATOR_DATA = Path.of("local-stack-data");
    // a separate default folder: simulated and real bookings must not end up in one view
    static final Path TENANT_DATA = Path.of("local-stack-tenant-data");

    @Spec
    CommandSpec spec;

    @Option(names = "--graph", defaultValue = "SIMULATOR",
            description = "simulator (the embedded Bookings simulator) or tenant (https://graph.microsoft.com with the "
                    + "app registration in BOOKINGS_GRAPH_TENANT_ID, BOOKINGS_GRAPH_CLIENT_ID and "
                    + "BOOKINGS_GRAPH_CLIENT_SECRET, see docs/real-tenant.md). Default: ${DEFAULT-VALUE}.")
    GraphMode graph;

    @Option(names = "--business", paramLabel = "<mailbox>",
            description = "With --graph tenant: a Bookings business to sync, by its mailbox address; repeat for more.")
    List<String> businesses = new ArrayList<>();

    @Option(names = "--data-dir",
            description = "Folder for the Kafka log and the H2 file (default: local-stack-data, or "
                    + "local-stack-tenant-data with --graph tenant).")
    Path dataDir;

    @Option(names = "--mongo-backend", defaultValue = "H2",
            description = "H2 (data survives a restart) or MEMORY (faster, forgets on stop). Default: ${DEFAULT-VALUE}.")
    LocalMongoServer.Backend mongoBackend;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--mongo-port", defaultValue = "27017", description = "Default: ${DEFAULT-VALUE}.")
    int mongoPort;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--sync-interval", defaultValue = "PT30S", description = "Default: ${DEFAULT-VALUE}.")
    Duration syncInterval;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated tenant. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--appointments-per-business", defaultValue = "150", description = "Default: ${DEFAULT-VALUE}.")
    int appointmentsPerBusiness;

    @Option(names = "--appointment-time-keys", defaultValue = "START_DATE_TIME",
            description = "How the simulator names an appointment's times: START_DATE_TIME (startDateTime/endDateTime, "
                    + "the SDK's shape) or START_END (start/end, the calendarView sample of the API reference). "
                    + "Default: ${DEFAULT-VALUE}.")
    AppointmentTimeKeys appointmentTimeKeys;

    @Option(names = "--business-central", defaultValue = "OFF",
            description = "off, simulator (the Business Central connector writing the draft invoices to the embedded "
                    + "Business Central simulator on port 8091) or tenant (the connector writing to the Business "
                    + "Central of BC_TENANT_ID, BC_COMPANY_ID, BC_CLIENT_ID and BC_CLIENT_SECRET, see "
                    + "docs/business-central.md); the connector listens on 8084. Default: ${DEFAULT-VALUE}.")
    BusinessCentralMode businessCentral;

    // the process environment, where the sync reads the app registration; a test gives its own
    Map<String, String> environment = System.getenv();

    public static void main(String[] args) {
        System.exit(commandLine(new LocalStackApplication()).execute(args));
    }

    static CommandLine commandLine(LocalStackApplication application) {
        return new CommandLine(application).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalStack stack = LocalStack.start(settings());
        LocalBusinessCentral businessCentral = switch (this.businessCentral) {
            case OFF -> null;
            case SIMULATOR -> LocalBusinessCentral.withSimulator(stack, BusinessCentralSimulator.DEFAULT_PORT,
                    BUSINESS_CENTRAL_CONNECTOR_PORT);
            case TENANT -> LocalBusinessCentral.withTenant(stack, BUSINESS_CENTRAL_CONNECTOR_PORT);
        };
        if (businessCentral != null) {
            System.out.println("  " + businessCentral.describe());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (businessCentral != null) {
                businessCentral.close();
            }
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        stopped.await();
        return 0;
    }

    /** The stack these options describe; a usage error (exit code 2) when they cannot describe one. */
    LocalStack.Settings settings() {
        LocalStack.Ports ports = LocalStack.Ports.defaults();
        ports = new LocalStack.Ports(kafkaPort, ports.kafkaController(), mongoPort, ports.simulator(),
                ports.invoicing(), ports.sync(), ports.customers(), ports.items());
        return new LocalStack.Settings(dataDir != null ? dataDir : graph == GraphMode.TENANT ? TENANT_DATA
                : SIMULATOR_DATA, mongoBackend, ports, graphSource(), partitions, syncInterval);
    }

    private GraphSource graphSource() {
        if (graph == GraphMode.SIMULATOR) {
            if (!businesses.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--business names a business of your own tenant: "
                        + "use it with --graph tenant (the simulator has its own businesses)");
            }
            SimulatorSettings defaults = SimulatorSettings.defaults();
            return new GraphSource.Simulator(defaults.withSeed(seed).withVolume(defaults.businesses(),
                    defaults.customersPerBusiness(), defaults.servicesPerBusiness(), appointmentsPerBusiness)
                    .withAppointmentTimeKeys(appointmentTimeKeys));
        }
        List<String> simulatorOnly = List.of("--seed", "--appointments-per-business", "--appointment-time-keys")
                .stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
        if (!simulatorOnly.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", simulatorOnly)
                    + " shape the simulated tenant; a real tenant has its own data");
        }
        try {
            return GraphSource.Tenant.fromEnvironment(businesses, environment);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
