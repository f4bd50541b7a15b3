package dev.bookingsinvoicing.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.customers.CustomerServiceApplication;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.invoicing.InvoicingServiceApplication;
import dev.bookingsinvoicing.items.ItemServiceApplication;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.simulator.BookingsSimulator;
import dev.bookingsinvoicing.simulator.SimulatedTenant;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.BookingSyncApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape, run where it can be: the topics created by the compose file's own script, then the four
 * services started in their {@code prod} profile with exactly the environment docker-compose.yml gives their
 * containers under {@code --env-file docker/demo.env} (only the Kafka, MongoDB and simulator addresses differ), and
 * the whole flow: Bookings (simulator) -> sync -> customers and items registered -> view -> InvoiceBookings ALL ->
 * one draft invoice per customer. Subclasses provide the Kafka cluster and the MongoDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProductionFlowScenario {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int PARTITIONS = 2;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private ComposeFile compose;
    private BookingsSimulator simulator;
    private String businessId;
    private String topicScriptOutput;

    /** Bootstrap servers of the Kafka cluster the services use. */
    protected abstract String bootstrapServers();

    /** Replication factor the topics can have on that cluster. */
    protected abstract int replicationFactor();

    /** Connection string of {@code database} on the MongoDB the services use. */
    protected abstract String mongoUri(String database);

    /**
     * What a Kafka client of the test needs to reach the cluster: its address and, for a secured cluster, the same
     * SASL/TLS settings the services get through {@link #infrastructureEnvironment()}.
     */
    protected Map<String, Object> kafkaClientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** Variables this infrastructure needs on top of the compose file's (none for real Kafka and MongoDB). */
    protected Map<String, String> infrastructureEnvironment() {
        return Map.of();
    }

    /** Stops the Kafka cluster and the MongoDB, after the services. */
    protected abstract void stopInfrastructure();

    @BeforeAll
    void startTheStackAsDockerComposeConfiguresIt() throws Exception {
        topicScriptOutput = TopicScript.run(kafkaClientProperties(), PARTITIONS, replicationFactor());
        compose = ComposeFile.load(ComposeFile.envFile("docker/demo.env"));
        // tidy: this scenario checks the deployment's wiring; what happens to implausible bookings is EndToEndTest's
        simulator = BookingsSimulator.start(SimulatorSettings.defaults().withImplausibleRecords(false)
                .withAccessToken(compose.environment("bookings-simulator").get("BOOKINGS_SIMULATOR_TOKEN")));
        businessId = compose.environment("booking-sync-service").get("BOOKINGS_SYNC_BUSINESSES_0_ID");
        Map<String, Supplier<SpringApplicationBuilder>> builders = new LinkedHashMap<>();
        builders.put("invoicing-service", InvoicingServiceApplication::builder);
        builders.put("customer-service", CustomerServiceApplication::builder);
        builders.put("item-service", ItemServiceApplication::builder);
        builders.put("booking-sync-service", BookingSyncApplication::builder);
        // one after the other: four applications in one JVM share one logging system, which each re-initializes
        builders.forEach((name, builder) -> services.put(name, start(name, builder.get())));
    }

    /**
     * Starts a service the way its container does: the compose file's environment is the process environment (the
     * test JVM's own is not visible), so profile, variables and relaxed binding work exactly as in the container.
     */
    private ConfigurableApplicationContext start(String service, SpringApplicationBuilder builder) {
        Map<String, Object> environment = new LinkedHashMap<>(compose.environment(service));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        String database = URI.create(String.valueOf(environment.get("MONGODB_URI"))).getPath().substring(1);
        environment.put("MONGODB_URI", mongoUri(database));
        if (environment.containsKey("BOOKINGS_GRAPH_BASE_URL")) {
            environment.put("BOOKINGS_GRAPH_BASE_URL", simulator.baseUrl());
        }
        environment.putAll(infrastructureEnvironment());
        StandardEnvironment processEnvironment = new StandardEnvironment();
        processEnvironment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment));
        // a free port instead of the published one: several tests may run on one machine
        return builder.environment(processEnvironment).run("--server.port=0", "--spring.main.banner-mode=off");
    }

    @AfterAll
    void stopTheStack() {
        List<ConfigurableApplicationContext> running = new ArrayList<>(services.values());
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (simulator != null) {
            simulator.close();
        }
        stopInfrastructure();
    }

    private int port(String service) {
        return services.get(service).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Reads a service's endpoint; invoicing-service's API as its VIEWER, with the password compose gives it. */
    private HttpResponse<String> get(String service, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(service) + path))
                .timeout(Duration.ofSeconds(30));
        String password = compose.environment(service).get("INVOICING_VIEWER_PASSWORD");
        if (password != null) {
            String credentials = "viewer:" + password.replaceFirst("^\\{noop\\}", "");
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int healthcheck(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Repository.file("docker/healthcheck.sh").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    @Test
    @Order(1)
    void theTopicScriptCreatesEveryTopicWithItsCleanupPolicyAndRetention() throws Exception {
        Map<String, TopicDefinitions.Definition> definitions = TopicDefinitions.read();
        assertThat(topicScriptOutput).contains("topics ready: " + definitions.size() + " topics");
        try (Admin admin = Admin.create(kafkaClientProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(definitions.keySet()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(PARTITIONS));
            List<ConfigResource> resources = definitions.keySet().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (TopicDefinitions.Definition definition : definitions.values()) {
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, definition.topic()));
                assertThat(config.get("cleanup.policy").value()).as(definition.topic())
                        .isEqualTo(definition.cleanupPolicy());
                if (!definition.retentionMs().equals("-")) {
                    assertThat(config.get("retention.ms").value()).as(definition.topic())
                            .isEqualTo(definition.retentionMs());
                }
            }
        }
    }

    @Test
    @Order(2)
    void everyServiceRunsItsProdProfileAndIsHealthyAndReadyAsTheContainerHealthCheckSeesIt() throws Exception {
        for (String service : services.keySet()) {
            assertThat(services.get(service).getEnvironment().getActiveProfiles()).containsExactly("prod");
            HttpResponse<String> health = get(service, "/actuator/health");
            assertThat(health.statusCode()).as("%s health: %s", service, health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            assertThat(get(service, "/actuator/health/readiness").statusCode()).as(service).isEqualTo(200);
            // what the image's HEALTHCHECK runs: docker/healthcheck.sh on the readiness probe
            assertThat(healthcheck(String.valueOf(port(service)), "/actuator/health/readiness")).as(service).isZero();
        }
        assertThat(healthcheck(String.valueOf(simulator.port()), "/v1.0/solutions/bookingBusinesses", "any")).isZero();
        assertThat(healthcheck(String.valueOf(simulator.port()), "/v1.0/solutions/bookingBusinesses"))
                .as("401 without a token is not a 200").isNotZero();
    }

    @Test
    @Order(3)
    void theSyncedBusinessesCustomersAreRegisteredAndItsCompletedBookingsReachTheView() throws Exception {
        Map<String, ExpectedBooking> expected = expectedReadyBookings();
        assertThat(expected).hasSizeGreaterThan(10);
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(readyBookingIdsInTheView()).isEqualTo(expected.keySet()));
        try (TopicReader registrations = new TopicReader(kafkaClientProperties(), Topics.CUSTOMER_REGISTRATIONS)) {
            assertThat(registrations.awaitValues(1, PATIENCE)).hasAtLeastOneElementOfType(CustomerRegistered.class)
                    .allSatisfy(r -> assertThat(r.toString()).contains(businessId));
        }
    }

    @Test
    @Order(4)
    void invoiceAllCreatesOneDraftInvoicePerCustomerForExactlyTheReadyBookings() throws Exception {
        Map<String, ExpectedBooking> expected = expectedReadyBookings();
        String commandId = "deployment-invoice-all";
        Map<String, Object> producerConfig = new HashMap<>(kafkaClientProperties());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig,
                new StringSerializer(), new AvroSerializer())) {
            producer.send(new ProducerRecord<>(Topics.INVOICING_COMMANDS, commandId, InvoiceBookings.newBuilder()
                    .setCommandId(commandId).setIssuedAt(Instant.now()).setIssuedBy("deployment-tests")
                    .setScope(InvoiceScope.ALL).build())).get(30, TimeUnit.SECONDS);
        }
        try (TopicReader results = new TopicReader(kafkaClientProperties(), Topics.COMMAND_RESULTS)) {
            Object result = results.awaitValues(1, PATIENCE).get(0);
            assertThat(result).isInstanceOf(CommandCompleted.class);
            assertThat(((CommandCompleted) result).getBookingsInvoiced()).isEqualTo(expected.size());
        }
        Set<String> customers = expected.values().stream().map(ExpectedBooking::customer).collect(Collectors.toSet());
        try (TopicReader reader = new TopicReader(kafkaClientProperties(), Topics.INVOICES)) {
            List<DraftInvoiceCreated> invoices = reader.awaitValues(customers.size(), PATIENCE).stream()
                    .map(DraftInvoiceCreated.class::cast).toList();
            assertThat(invoices).hasSize(customers.size());
            Map<String, InvoiceLine> lines = new HashMap<>();
            for (DraftInvoiceCreated invoice : invoices) {
                assertThat(invoice.getLines().stream().map(l -> expected.get(l.getBookingId()).customer()).distinct())
                        .as("one customer per invoice").hasSize(1);
                invoice.getLines().forEach(l -> assertThat(lines.put(l.getBookingId(), l)).as("invoiced twice").isNull());
            }
            assertThat(lines.keySet()).isEqualTo(expected.keySet());
            lines.forEach((id, line) -> assertThat(line.getAmount()).as(id).isEqualByComparingTo(expected.get(id).amount()));
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readyBookingIdsInTheView()).isEmpty());
    }

    /** One attendee of a completed appointment of the synced business, with what it must be billed. */
    private record ExpectedBooking(String customer, BigDecimal amount) {
    }

    /**
     * From the simulator's own data, independently of the services: completed appointments of the synced business,
     * one booking per attendee with an email, priced by price type; prices that vary are left out (they need a price).
     */
    private Map<String, ExpectedBooking> expectedReadyBookings() {
        SimulatedTenant.Business business = simulator.tenant().business(businessId);
        Instant now = Instant.now();
        Map<String, ExpectedBooking> expected = new HashMap<>();
        for (SimulatedTenant.Appointment appointment : business.appointments()) {
            BigDecimal amount = amount(appointment);
            if (!appointment.end().isBefore(now) || amount == null) {
                continue;
            }
            for (SimulatedTenant.Attendee attendee : appointment.attendees()) {
                String email = business.customer(attendee.customerId()).emailAddress();
                if (email != null && !email.isBlank()) {
                    expected.put(Keys.booking(business.id(), appointment.id(), attendee.customerId()),
                            new ExpectedBooking(email.strip().toLowerCase(), amount));
                }
            }
        }
        return expected;
    }

    private static BigDecimal amount(SimulatedTenant.Appointment appointment) {
        return switch (appointment.priceType()) {
            case "fixedPrice", "startingAt" -> appointment.price() == null ? null : appointment.price().setScale(2);
            // the minutes times the price over 60, rounded once (the default tenant bills in EUR and USD, in cents):
            // 7 minutes at 50.00 is 5.83, in integer cents floor((2 x 7 x 5000 + 60) / 120) = 583
            case "hourly" -> appointment.price() == null ? null : BigDecimal.valueOf(Math.floorDiv(
                    2 * appointment.duration().toMinutes() * appointment.price().movePointRight(2).longValueExact()
                            + 60, 120), 2);
            case "free" -> new BigDecimal("0.00");
            default -> null;
        };
    }

    private Set<String> readyBookingIdsInTheView() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> response = get("invoicing-service",
                    "/api/bookings-not-invoiced?status=READY&size=1000&page=" + page);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            body.path("content").forEach(row -> ids.add(row.path("id").asString()));
            if (page + 1 >= body.path("totalPages").asInt()) {
                return ids;
            }
        }
    }
}
