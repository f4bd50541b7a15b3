package dev.bookingsinvoicing.localstack;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bookingsinvoicing.bc.BusinessCentralConnectorApplication;
import dev.bookingsinvoicing.bcsimulator.BusinessCentralSimulator;

/**
 * The Business Central connector beside a running local stack (off unless asked for, {@code --business-central}):
 * writing to the embedded Business Central simulator, or to the Business Central that the {@code BC_*} environment
 * variables name (docs/business-central.md). Its database is {@code business-central} on the stack's MongoDB server.
 */
public final class LocalBusinessCentral implements AutoCloseable {

    private final BusinessCentralSimulator simulator;
    private final ConfigurableApplicationContext connector;

    private LocalBusinessCentral(BusinessCentralSimulator simulator, ConfigurableApplicationContext connector) {
        this.simulator = simulator;
        this.connector = connector;
    }

    /**
     * With the simulator on {@code simulatorPort} (0: any free port); {@code settings} are further connector
     * arguments ({@code --name=value}), e.g. a test's higher request rate.
     */
    public static LocalBusinessCentral withSimulator(LocalStack stack, int simulatorPort, int connectorPort,
            String... settings) {
        BusinessCentralSimulator simulator = BusinessCentralSimulator.start(BusinessCentralSimulator.Settings.defaults()
                .withPort(simulatorPort));
        List<String> args = arguments(stack, connectorPort);
        args.addAll(List.of("--bookings.business-central.base-url=" + simulator.baseUrl(),
                "--bookings.business-central.tenant-id=" + simulator.settings().tenant(),
                "--bookings.business-central.environment=" + simulator.settings().environment(),
                "--bookings.business-central.company-id=" + BusinessCentralSimulator.DEFAULT_COMPANY,
                "--bookings.business-central.auth=static-token",
                "--bookings.business-central.static-token=" + simulator.settings().token()));
        args.addAll(List.of(settings));
        return new LocalBusinessCentral(simulator, BusinessCentralConnectorApplication.builder()
                .run(args.toArray(String[]::new)));
    }

    /** Against Business Central online, configured by the {@code BC_*} environment variables. */
    public static LocalBusinessCentral withTenant(LocalStack stack, int connectorPort) {
        return new LocalBusinessCentral(null, BusinessCentralConnectorApplication.builder()
                .run(arguments(stack, connectorPort).toArray(String[]::new)));
    }

    private static List<String> arguments(LocalStack stack, int connectorPort) {
        return new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--spring.mongodb.uri=" + stack.mongoUri("business-central"), "--server.port=" + connectorPort,
                "--bookings.kafka.topics.partitions=" + stack.partitions(), "--spring.main.banner-mode=off",
                "--management.health.mongodb.enabled=false"));
    }

    /** The simulator, or null against a real Business Central. */
    public BusinessCentralSimulator simulator() {
        return simulator;
    }

    public String connectorUrl() {
        return "http://localhost:" + ((WebServerApplicationContext) connector).getWebServer().getPort();
    }

    public String describe() {
        return "business-central-connector " + connectorUrl() + "/api/parked-exports   (dashboard/dashboard)"
                + (simulator == null ? ", writing to the Business Central of BC_TENANT_ID/BC_COMPANY_ID"
                        : ", writing to the Business Central simulator " + simulator.baseUrl());
    }

    @Override
    public void close() {
        connector.close();
        if (simulator != null) {
            simulator.close();
        }
    }
}
