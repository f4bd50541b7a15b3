package dev.bookingsinvoicing.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bookingsinvoicing.customers.CustomerServiceApplication;
import dev.bookingsinvoicing.invoicing.InvoicingServiceApplication;
import dev.bookingsinvoicing.items.ItemServiceApplication;
import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.BookingSyncApplication;

/**
 * The whole system on one machine: a Kafka broker, a MongoDB wire-protocol server, the Bookings simulator (or a real
 * Microsoft 365 tenant) and the four services, each in its own Spring application context, configured exactly as
 * they would be against real infrastructure (bootstrap servers, MongoDB URI, Graph base URL and token passed as
 * ordinary properties).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /**
     * @param dataDir       where the broker log and the H2 file live
     * @param mongoBackend  H2 (survives restarts) or MEMORY
     * @param ports         where everything listens
     * @param graph         what the sync reads: the simulator (and what its tenant holds) or a real tenant
     * @param partitions    partitions per topic
     * @param syncInterval  how often the sync polls Graph
     */
    public record Settings(Path dataDir, LocalMongoServer.Backend mongoBackend, Ports ports, GraphSource graph,
            int partitions, Duration syncInterval) {

        public Settings {
            Objects.requireNonNull(graph, "graph");
        }

        /** A stack whose sync reads the simulator with these settings. */
        public Settings(Path dataDir, LocalMongoServer.Backend mongoBackend, Ports ports, SimulatorSettings simulator,
                int partitions, Duration syncInterval) {
            this(dataDir, mongoBackend, ports, new GraphSource.Simulator(simulator), partitions, syncInterval);
        }
    }

    /**
     * TCP ports of every component; {@link #free()} picks free ones (for tests). A service port of 0 lets the
     * service's web server bind any free port when it starts: ports picked in advance can be taken by an outgoing
     * connection in between (the Kafka clients open many), which once failed a CI run with "address in use".
     */
    public record Ports(int kafka, int kafkaController, int mongo, int simulator, int invoicing, int sync, int customers,
            int items) {

        public static Ports defaults() {
            return new Ports(9092, 9093, 27017, SimulatorSettings.DEFAULT_PORT, 8080, 8081, 8082, 8083);
        }

        public static Ports free() {
            return new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), 0, 0, 0, 0);
        }
    }

    /** The four services of the system, each its own Spring application context. */
    public enum Service {
        INVOICING("invoicing", InvoicingServiceApplication::builder),
        CUSTOMERS("customers", CustomerServiceApplication::builder),
        ITEMS("items", ItemServiceApplication::builder),
        SYNC("booking-sync", BookingSyncApplication::builder);

        private final String database;
        private final Supplier<SpringApplicationBuilder> builder;

        Service(String database, Supplier<SpringApplicationBuilder> builder) {
            this.database = database;
            this.builder = builder;
        }
    }

    private final Settings settings;
    private final BookingsSimulator simulator;
    private final Map<Service, ConfigurableApplicationContext> services = new EnumMap<>(Service.class);
    private LocalKafkaBroker broker;
    private LocalMongoServer mongo;

    private LocalStack(Settings settings, LocalKafkaBroker broker, LocalMongoServer mongo, BookingsSimulator simulator) {
        this.settings = settings;
        this.broker = broker;
        this.mongo = mongo;
        this.simulator = simulator;
    }

    public static LocalStack start(Settings settings) {
        long started = System.nanoTime();
        // Four Spring applications in one JVM share one logging system; letting each re-initialise it concurrently
        // races ("Unable to find Spring Environment in logger context"). The stack configures logging once, with
        // its own logback.xml.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        Ports ports = settings.ports();
        LocalKafkaBroker broker = LocalKafkaBroker.start(settings.dataDir(), ports.kafka(), ports.kafkaController(),
                settings.partitions());
        LocalMongoServer mongo = LocalMongoServer.start(settings.mongoBackend(), settings.dataDir(), ports.mongo());
        BookingsSimulator simulator = settings.graph() instanceof GraphSource.Simulator simulated
                ? BookingsSimulator.start(simulated.settings().withPort(ports.simulator()))
                : null;
        LocalStack stack = new LocalStack(settings, broker, mongo, simulator);

        // The four contexts are independent: start them side by side; every consumer reads its topics from the
        // earliest offset, so it does not matter which one is ready first.
        ExecutorService starter = Executors.newFixedThreadPool(Service.values().length);
        try {
            Map<Service, CompletableFuture<ConfigurableApplicationContext>> starting = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                starting.put(service, CompletableFuture.supplyAsync(() -> stack.run(service), starter));
            }
            starting.forEach((service, context) -> stack.services.put(service, context.join()));
        } finally {
            starter.shutdown();
        }
        log.info(stack.banner(Duration.ofNanos(System.nanoTime() - started)));
        return stack;
    }

    private ConfigurableApplicationContext run(Service service) {
        return service.builder.get().run(arguments(service).toArray(String[]::new));
    }

    /**
     * The command-line arguments this stack starts a service with: what a test needs to run the same service as a
     * separate process against this stack's broker and MongoDB.
     */
    public List<String> arguments(Service service) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.mongodb.uri=" + mongo.uri(service.database),
                "--server.port=" + configuredPort(service),
                "--bookings.kafka.topics.partitions=" + settings.partitions(),
                "--spring.main.banner-mode=off",
                // the embedded server does not answer the driver's "hello" health command
                "--management.health.mongodb.enabled=false"));
        if (service == Service.SYNC) {
            args.addAll(settings.graph().syncArguments(simulator));
            args.add("--bookings.sync.interval=" + settings.syncInterval());
        }
        return args;
    }

    private int configuredPort(Service service) {
        Ports ports = settings.ports();
        return switch (service) {
            case INVOICING -> ports.invoicing();
            case CUSTOMERS -> ports.customers();
            case ITEMS -> ports.items();
            case SYNC -> ports.sync();
        };
    }

    /** The running context of a service (to look up a bean in a test), or null while it is stopped. */
    public ConfigurableApplicationContext service(Service service) {
        return services.get(service);
    }

    /** Stops one service, as a crash or a deployment would; the rest keeps running. */
    public void stop(Service service) {
        ConfigurableApplicationContext context = services.remove(service);
        if (context != null) {
            context.close();
        }
    }

    /** Starts a stopped service again with the same settings; it resumes from its committed offsets. */
    public void start(Service service) {
        if (!services.containsKey(service)) {
            services.put(service, run(service));
        }
    }

    /** Stops the Kafka broker; its log stays on disk. */
    public void stopBroker() {
        broker.close();
    }

    /** Starts the broker again on the same ports and log folder. */
    public void startBroker() {
        Ports ports = settings.ports();
        broker = LocalKafkaBroker.start(settings.dataDir(), ports.kafka(), ports.kafkaController(), settings.partitions());
    }

    private String banner(Duration startup) {
        Ports ports = settings.ports();
        return String.format("""

                ==== bookings-invoicing local stack ready in %.1f s ====
                  Kafka bootstrap servers   %s   (data in %s)
                  MongoDB                   mongodb://localhost:%d   (%s backend)
                  %s
                  invoicing-service         http://localhost:%d/   (page and /api/bookings-not-invoiced; operator/operator, viewer/viewer)
                  booking-sync-service      http://localhost:%d/api/sync/status   (POST /api/sync/run?full=true as admin/admin)
                  customer-service          http://localhost:%d/api/customers   (dashboard/dashboard)
                  item-service              http://localhost:%d/api/items   (dashboard/dashboard)
                  Invoice everything ready:
                    java -jar operator-cli/target/operator-cli-exec.jar invoice --all --bootstrap-servers %s
                  (development users only: set real ones with bookings.security.users, see README)
                """, startup.toMillis() / 1000.0, broker.bootstrapServers(), settings.dataDir().toAbsolutePath(),
                ports.mongo(), settings.mongoBackend(), settings.graph().describe(simulator),
                port(Service.INVOICING), port(Service.SYNC), port(Service.CUSTOMERS), port(Service.ITEMS),
                broker.bootstrapServers());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The connection string of a database on the stack's MongoDB server (for a service started beside the stack). */
    public String mongoUri(String database) {
        return mongo.uri(database);
    }

    public int partitions() {
        return settings.partitions();
    }

    /** The running simulator, or null when the stack reads a real tenant. */
    public BookingsSimulator simulator() {
        return simulator;
    }

    /** The port a running service listens on (the one it bound, when its configured port is 0). */
    public int port(Service service) {
        ConfigurableApplicationContext context = services.get(service);
        if (!(context instanceof WebServerApplicationContext web)) {
            throw new IllegalStateException(service + " is not running");
        }
        return web.getWebServer().getPort();
    }

    public String url(Service service) {
        return "http://localhost:" + port(service);
    }

    public String invoicingUrl() {
        return url(Service.INVOICING);
    }

    public String syncUrl() {
        return url(Service.SYNC);
    }

    /** Services first (they flush and commit), then what they depend on. */
    @Override
    public void close() {
        for (Service service : List.of(Service.SYNC, Service.ITEMS, Service.CUSTOMERS, Service.INVOICING)) {
            stop(service);
        }
        if (simulator != null) {
            simulator.close();
        }
        mongo.close();
        broker.close();
    }
}
