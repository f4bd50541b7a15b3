package dev.bookingsinvoicing.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.bookingsinvoicing.simulator.SimulatorSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar local-stack/target/local-stack-exec.jar}: starts the whole system on this machine and keeps it running until Ctrl-C. */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
        description = "Runs a Kafka broker, an embedded MongoDB server, the Bookings simulator and all four services.")
public final class LocalStackApplication implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "local-stack-data",
            description = "Folder for the Kafka log and the H2 file (default: ${DEFAULT-VALUE}).")
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

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalStackApplication()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        SimulatorSettings defaults = SimulatorSettings.defaults();
        SimulatorSettings simulator = defaults.withSeed(seed).withVolume(defaults.businesses(),
                defaults.customersPerBusiness(), defaults.servicesPerBusiness(), appointmentsPerBusiness);
        LocalStack.Ports ports = LocalStack.Ports.defaults();
        ports = new LocalStack.Ports(kafkaPort, ports.kafkaController(), mongoPort, ports.simulator(),
                ports.invoicing(), ports.sync(), ports.customers(), ports.items());
        LocalStack stack = LocalStack.start(new LocalStack.Settings(dataDir, mongoBackend, ports, simulator, partitions,
                syncInterval));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        stopped.await();
        return 0;
    }
}
