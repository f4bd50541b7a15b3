package dev.bookingsinvoicing.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.bookingsinvoicing.customers.CustomerServiceApplication;
import dev.bookingsinvoicing.invoicing.InvoicingServiceApplication;
import dev.bookingsinvoicing.schemas.Topic;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.simulator.SimulatorSettings;
import dev.bookingsinvoicing.sync.BookingSyncApplication;

/**
 * docker-compose.yml and docker/kafka/topics.conf checked against the build, since no Docker engine runs here: every
 * service is a module with a main class, every variable is one the service reads, every port is the service's own and
 * the one its image's health check probes, every volume is declared. DockerImageTest checks the image recipe itself.
 */
class ComposeFileTest {

    private static final Set<String> SERVICE_MODULES = Set.of("booking-sync-service", "customer-service", "item-service",
            "invoicing-service", "business-central-connector");
    private static final Set<String> KAFKA_NODES = Set.of("kafka-1", "kafka-2", "kafka-3");

    private final Map<String, String> demo = ComposeFile.envFile("docker/demo.env");
    private final ComposeFile compose = ComposeFile.load(demo);
    private final Dockerfile dockerfile = Dockerfile.read();

    /** Compose services built from this repository -> their build args. */
    private Map<String, Map<String, String>> built() {
        Map<String, Map<String, String>> built = new LinkedHashMap<>();
        compose.services().keySet().forEach(name -> {
            if (!compose.buildArgs(name).isEmpty()) {
                built.put(name, compose.buildArgs(name));
            }
        });
        return built;
    }

    private static Class<?> load(String className) throws ClassNotFoundException {
        return Class.forName(className, false, ComposeFileTest.class.getClassLoader());
    }

    /** The main class of a module's runnable jar, the one its image runs. */
    private static Class<?> mainClass(String module) throws ClassNotFoundException {
        return load(Repository.startClass(module));
    }

    /** A value of a service's own config file, which every profile starts from (no profile's file). */
    private static Object ownFileValue(String module, String key) {
        Object node = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Repository.read(module + "/src/main/resources/" + module + ".yml"));
        for (String part : key.split("\\.")) {
            node = node instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return node;
    }

    private static boolean isSpringService(Class<?> mainClass) {
        return mainClass.isAnnotationPresent(SpringBootApplication.class);
    }

    @Test
    void everyBuiltServiceIsAModuleOfTheBuildWithAMainClassAndIsBuiltByTheSharedDockerfile() throws Exception {
        Map<String, Map<String, String>> built = built();
        assertThat(built.keySet()).as("the four services, the simulator and the Business Central connector")
                .containsExactlyInAnyOrder("booking-sync-service", "customer-service", "item-service",
                        "invoicing-service", "bookings-simulator", "business-central-connector");
        List<String> modules = Repository.modules();
        for (Map.Entry<String, Map<String, String>> service : built.entrySet()) {
            String module = service.getValue().get("MODULE");
            String mainClass = Repository.startClass(module);
            assertThat(module).as("MODULE of %s", service.getKey()).isEqualTo(service.getKey());
            assertThat(mainClass).as("%s/pom.xml names its start-class", module).isNotNull();
            assertThat(modules).as("root pom modules").contains(module);
            assertThat(Repository.file(module + "/src/main/java/" + mainClass.replace('.', '/') + ".java"))
                    .as("main class %s in module %s", mainClass, module).exists();
            Method main = load(mainClass).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers()))
                    .as("%s.main is public static", mainClass).isTrue();
            assertThat(compose.build(service.getKey())).containsEntry("context", ".")
                    .containsEntry("dockerfile", "docker/Dockerfile");
            assertThat(compose.image(service.getKey()))
                    .isEqualTo("bookings-invoicing/" + module + ":" + Repository.version());
        }
        assertThat(Repository.file("docker/Dockerfile")).exists();
    }

    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() throws Exception {
        List<String> imageVariables = dockerfile.envNames();
        assertThat(imageVariables).contains("JAVA_OPTS", "HEALTH_PORT");
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> service : built().entrySet()) {
            String name = service.getKey();
            Class<?> mainClass = mainClass(service.getValue().get("MODULE"));
            Map<String, String> environment = compose.environment(name);
            if (!isSpringService(mainClass)) {
                Set<String> read = getenvNames(service.getValue().get("MODULE"), mainClass);
                environment.keySet().stream().filter(v -> !read.contains(v) && !imageVariables.contains(v))
                        .forEach(v -> unknown.add(name + ": " + v + " (the simulator reads " + read + ")"));
                continue;
            }
            ServiceConfiguration configuration = ServiceConfiguration.of(service.getValue().get("MODULE"), mainClass);
            Set<String> placeholders = configuration.placeholderVariables(false);
            for (String variable : environment.keySet()) {
                if (!placeholders.contains(variable) && !imageVariables.contains(variable)
                        && configuration.propertyOf(variable) == null) {
                    unknown.add(name + ": " + variable);
                }
            }
            // what the prod profile requires (placeholders without a default) is set
            assertThat(environment.keySet()).as("%s sets every required variable", name)
                    .containsAll(configuration.placeholderVariables(true));
            // the profile it activates exists for this service
            for (String profile : environment.getOrDefault("SPRING_PROFILES_ACTIVE", "").split(",")) {
                if (!profile.isBlank()) {
                    assertThat(Repository.file(name + "/src/main/resources/" + name + "-" + profile.strip() + ".yml"))
                            .as("profile %s of %s", profile, name).exists();
                }
            }
        }
        assertThat(unknown).as("variables no service reads").isEmpty();
    }

    @Test
    void relaxedBindingMapsTheDocumentedVariablesToTheRightProperties() {
        ServiceConfiguration customers = ServiceConfiguration.of("customer-service",
                CustomerServiceApplication.class);
        ServiceConfiguration sync = ServiceConfiguration.of("booking-sync-service",
                BookingSyncApplication.class);
        assertThat(customers.propertyOf("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("spring.kafka.bootstrap-servers");
        assertThat(customers.propertyOf("SPRING_MONGODB_URI")).isEqualTo("spring.mongodb.uri");
        assertThat(customers.propertyOf("SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("spring.kafka.security.protocol");
        assertThat(customers.propertyOf("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isEqualTo("spring.kafka.properties.sasl.mechanism");
        assertThat(customers.propertyOf("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION")).isEqualTo("spring.kafka.ssl.trust-store-location");
        assertThat(customers.propertyOf("BOOKINGS_KAFKA_TOPICS_REPLICATION_FACTOR")).isEqualTo("bookings.kafka.topics.replication-factor");
        assertThat(sync.propertyOf("BOOKINGS_SYNC_BUSINESSES_0_ID")).isEqualTo("bookings.sync.businesses[0].id");
        assertThat(sync.propertyOf("BOOKINGS_SYNC_GRAPH_CLIENT_SECRET")).isEqualTo("bookings.sync.graph.client-secret");
        assertThat(customers.propertyOf("BOOKINGS_SYNC_GRAPH_CLIENT_SECRET")).as("not a customer-service setting").isNull();
        assertThat(customers.propertyOf("SPRNG_KAFKA_BOOTSTRAP_SERVERS")).as("a typo binds to nothing").isNull();
    }

    @Test
    void everyProdProfileRequiresRealInfrastructureAndSetsTheProductionGuarantees() throws Exception {
        for (String module : SERVICE_MODULES) {
            ServiceConfiguration prod = ServiceConfiguration.of(module, mainClass(module));
            assertThat(prod.placeholderVariables(true)).as("%s-prod.yml requires", module)
                    .contains("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI");
            assertThat(prod.value("spring.kafka.producer.acks")).as(module).isEqualTo("all");
            assertThat(prod.value("spring.kafka.producer.properties.enable.idempotence")).as(module).isEqualTo(true);
            assertThat(prod.value("spring.kafka.consumer.isolation-level")).as(module).isEqualTo("read-committed");
            assertThat(prod.value("bookings.kafka.topics.replication-factor")).as(module).isEqualTo(3);
            assertThat(prod.value("bookings.kafka.topics.create")).as(module).isEqualTo(false);
            assertThat(prod.value("management.endpoint.health.probes.enabled")).as(module).isEqualTo(true);
            assertThat(prod.value("server.shutdown")).as(module).isEqualTo("graceful");
        }
        // two invoicing-service instances must not share a transactional-id prefix
        assertThat(ServiceConfiguration.of("invoicing-service",
                InvoicingServiceApplication.class)
                .value("spring.kafka.producer.transaction-id-prefix")).asString().contains("${HOSTNAME");
    }

    @Test
    void kafkaSaslAndTlsAndMongoDbTlsAreSettableByEnvironmentVariablesAlone() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"p\";");
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:/etc/kafka/truststore.p12");
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PKCS12");
        env.put("SPRING_MONGODB_SSL_ENABLED", "true");
        env.put("SPRING_MONGODB_SSL_BUNDLE", "mongo");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace("systemEnvironment",
                new SystemEnvironmentPropertySource("systemEnvironment", env));
        Binder binder =
                Binder.get(environment);

        KafkaProperties kafka = binder.bind("spring.kafka",
                KafkaProperties.class).get();
        Map<String, Object> producer = kafka.buildProducerProperties();
        assertThat(producer).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsKey("ssl.truststore.location");
        assertThat(String.valueOf(producer.get("sasl.jaas.config"))).contains("username=\"svc\"");
        assertThat(kafka.buildConsumerProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(kafka.buildAdminProperties()).containsEntry("security.protocol", "SASL_SSL");

        assertThat(binder.bind("spring.mongodb.ssl.enabled", Boolean.class).get()).isTrue();
        assertThat(binder.bind("spring.mongodb.ssl.bundle", String.class).get()).isEqualTo("mongo");
    }

    @Test
    void everyPublishedPortIsTheServicesOwnAndItsHealthCheckProbesIt() throws Exception {
        // the image's health check: the service's readiness on the port given as the PORT build argument
        assertThat(dockerfile.envNames()).contains("HEALTH_PORT");
        assertThat(dockerfile.text).contains("ENV HEALTH_PORT=\"${PORT}\"");
        assertThat(dockerfile.healthcheckCommand())
                .isEqualTo("/app/healthcheck.sh \"$HEALTH_PORT\" /actuator/health/readiness");
        for (Map.Entry<String, Map<String, String>> service : built().entrySet()) {
            String name = service.getKey();
            Class<?> mainClass = mainClass(service.getValue().get("MODULE"));
            int port;
            if (isSpringService(mainClass)) {
                port = ServiceConfiguration.of(name, mainClass).serverPort();
                assertThat(compose.healthcheck(name)).as("%s keeps the image's health check", name).isEmpty();
                assertThat(ownFileValue(name, "management.endpoint.health.probes.enabled"))
                        .as("%s serves /actuator/health/readiness in every profile", name).isEqualTo(true);
            } else {
                // the simulator has no actuator: any HTTP answer on its own port will do
                port = Integer.parseInt(compose.environment(name).get("BOOKINGS_SIMULATOR_PORT"));
                assertThat(port).isEqualTo(SimulatorSettings.DEFAULT_PORT);
                assertThat(compose.healthcheck(name)).startsWith("CMD", "/app/healthcheck.sh", String.valueOf(port));
            }
            assertThat(service.getValue()).as("build args of %s", name).containsEntry("PORT", String.valueOf(port));
            assertThat(compose.list(name, "ports")).as("ports of %s", name).containsExactly(port + ":" + port);
        }
        assertThat(dockerfile.copies()).containsEntry("docker/healthcheck.sh", "/app/healthcheck.sh");
    }

    @Test
    void everyNamedVolumeIsDeclaredAndUsedAndEveryMountedFileExists() {
        Set<String> used = new TreeSet<>();
        for (String service : compose.services().keySet()) {
            for (String volume : compose.list(service, "volumes")) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith("./") || source.startsWith("/")) {
                    assertThat(Repository.file(source.substring(2))).as("bind mount of %s", service).exists();
                } else {
                    assertThat(compose.volumes()).as("volumes: declares %s (used by %s)", source, service)
                            .containsKey(source);
                    used.add(source);
                }
            }
        }
        assertThat(used).as("every declared volume is used").isEqualTo(new TreeSet<>(compose.volumes().keySet()));
    }

    @Test
    void kafkaIsAThreeNodeKraftClusterOfTheClientsVersionThatTheServicesReach() {
        Set<String> internalListeners = new LinkedHashSet<>();
        Set<String> voters = new TreeSet<>();
        for (String node : KAFKA_NODES) {
            Map<String, String> env = compose.environment(node);
            assertThat(compose.image(node)).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
            assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3");
            assertThat(Uuid.fromString(env.get("CLUSTER_ID")).toString()).isEqualTo(env.get("CLUSTER_ID"));
            String advertised = env.get("KAFKA_ADVERTISED_LISTENERS");
            assertThat(advertised).contains("INTERNAL://" + node + ":19092");
            internalListeners.add(node + ":19092");
            voters.add(env.get("KAFKA_NODE_ID") + "@" + node + ":9093");
            assertThat(compose.healthcheck(node)).isNotEmpty();
        }
        assertThat(voters).as("distinct node ids").hasSize(KAFKA_NODES.size());
        for (String node : KAFKA_NODES) {
            assertThat(new TreeSet<>(Arrays.asList(compose.environment(node).get("KAFKA_CONTROLLER_QUORUM_VOTERS")
                    .split(",")))).as("quorum voters of %s", node).isEqualTo(voters);
        }
        assertThat(compose.image("kafka-topics")).isEqualTo(compose.image("kafka-1"));
        assertThat(Set.of(compose.environment("kafka-topics").get("BOOTSTRAP_SERVERS").split(",")))
                .isEqualTo(internalListeners);
        for (String service : SERVICE_MODULES) {
            assertThat(Set.of(compose.environment(service).get("KAFKA_BOOTSTRAP_SERVERS").split(",")))
                    .as("%s reaches every broker", service).isEqualTo(internalListeners);
        }
    }

    @Test
    void mongoDbIsAReplicaSetThatEveryServiceUsesWithItsOwnDatabase() {
        assertThat(compose.image("mongodb")).startsWith("mongo:");
        assertThat(compose.list("mongodb", "command")).containsSubsequence("--replSet", "rs0");
        String init = Repository.read("docker/mongo/replica-set.js");
        assertThat(init).contains("_id: 'rs0'").contains("host: 'mongodb:27017'");
        Set<String> databases = new TreeSet<>();
        for (String service : SERVICE_MODULES) {
            URI uri = URI.create(compose.environment(service).get("MONGODB_URI"));
            assertThat(uri.getScheme()).isEqualTo("mongodb");
            assertThat(uri.getHost() + ":" + uri.getPort()).isEqualTo("mongodb:27017");
            assertThat(uri.getQuery()).contains("replicaSet=rs0");
            databases.add(uri.getPath());
        }
        assertThat(databases).as("one database per service").hasSize(SERVICE_MODULES.size());
    }

    @Test
    void servicesStartAfterTheTopicsExistAndMongoDbHasAPrimaryAndRestartOnFailure() {
        for (String service : SERVICE_MODULES) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) compose.service(service)
                    .get("depends_on");
            assertThat(dependsOn.get("kafka-topics")).containsEntry("condition", "service_completed_successfully");
            assertThat(dependsOn.get("mongodb")).containsEntry("condition", "service_healthy");
            assertThat(compose.environment(service)).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                    .containsEntry("BOOKINGS_KAFKA_TOPICS_CREATE", "false");
        }
        compose.services().forEach((name, service) -> assertThat(service.get("restart")).as("restart of %s", name)
                .isIn("unless-stopped", "always", "on-failure"));
        assertThat(compose.list("kafka-topics", "entrypoint")).containsExactly("/bin/bash", "/topics/create-topics.sh");
        // the topic script reads every variable the kafka-topics service sets
        String script = Repository.read("docker/kafka/create-topics.sh");
        assertThat(compose.environment("kafka-topics").keySet())
                .allSatisfy(variable -> assertThat(script).contains("${" + variable + ":"));
        assertThat(compose.list("kafka-topics", "volumes")).containsExactly("./docker/kafka:/topics:ro");
    }

    @Test
    void topicsConfListsExactlyTheCatalogAndItsDeadLetterTopicsWithTheCatalogsCleanupPolicy() {
        Map<String, TopicDefinitions.Definition> definitions = TopicDefinitions.read();
        Set<String> expected = new TreeSet<>();
        for (Topic topic : Topics.CATALOG) {
            expected.add(topic.name());
            expected.add(topic.deadLetter());
            assertThat(definitions.get(topic.name()).cleanupPolicy()).as(topic.name())
                    .isEqualTo(topic.cleanup().name().toLowerCase());
            assertThat(definitions.get(topic.deadLetter()).cleanupPolicy()).as(topic.deadLetter()).isEqualTo("delete");
        }
        assertThat(new TreeSet<>(definitions.keySet())).isEqualTo(expected);
        definitions.values().forEach(d -> {
            if (d.cleanupPolicy().equals("delete")) {
                assertThat(Long.parseLong(d.retentionMs())).as("retention of %s", d.topic()).isPositive();
            } else {
                assertThat(d.retentionMs()).as("a compacted topic keeps its latest values").isEqualTo("-");
            }
        });
    }

    @Test
    void theBusinessCentralConnectorRunsOnlyInItsOwnProfile() {
        assertThat(compose.list("business-central-connector", "profiles")).containsExactly("business-central");
        assertThat(demo.get("COMPOSE_PROFILES")).doesNotContain("business-central");
    }

    @Test
    void theDemoProfileRunsTheSimulatorAndPointsTheSyncAtIt() {
        assertThat(compose.list("bookings-simulator", "profiles")).containsExactly("demo");
        assertThat(demo).containsEntry("COMPOSE_PROFILES", "demo");
        Map<String, String> sync = compose.environment("booking-sync-service");
        URI graph = URI.create(sync.get("BOOKINGS_GRAPH_BASE_URL"));
        assertThat(graph.getHost()).isEqualTo("bookings-simulator");
        assertThat(graph.getPort()).isEqualTo(Integer.parseInt(compose.environment("bookings-simulator")
                .get("BOOKINGS_SIMULATOR_PORT")));
        assertThat(sync).containsEntry("BOOKINGS_GRAPH_AUTH", "static-token")
                .containsEntry("BOOKINGS_GRAPH_STATIC_TOKEN", compose.environment("bookings-simulator")
                        .get("BOOKINGS_SIMULATOR_TOKEN"));
    }

    @Test
    void withoutADemoEnvFileTheStackTalksToMicrosoftGraphAndRefusesToStartWithoutABusinessOrPasswords() {
        Map<String, String> production = new LinkedHashMap<>(Map.of("BOOKINGS_BUSINESS_ID", "Salon@contoso.onmicrosoft.com",
                "BOOKINGS_ADMIN_PASSWORD", "{bcrypt}$2a$10$abc", "BOOKINGS_READER_PASSWORD", "{bcrypt}$2a$10$def",
                "INVOICING_OPERATOR_PASSWORD", "{bcrypt}$2a$10$ghi", "INVOICING_VIEWER_PASSWORD", "{bcrypt}$2a$10$jkl"));
        for (String required : List.copyOf(production.keySet())) {
            Map<String, String> missing = new LinkedHashMap<>(production);
            missing.remove(required);
            assertThatThrownBy(() -> ComposeFile.load(missing)).hasMessageContaining(required);
        }
        ComposeFile stack = ComposeFile.load(production);
        assertThat(stack.environment("customer-service")).containsEntry("BOOKINGS_ADMIN_PASSWORD", "{bcrypt}$2a$10$abc");
        assertThat(stack.environment("booking-sync-service"))
                .containsEntry("BOOKINGS_SYNC_BUSINESSES_0_ID", "Salon@contoso.onmicrosoft.com")
                .containsEntry("BOOKINGS_GRAPH_BASE_URL", "https://graph.microsoft.com")
                .containsEntry("BOOKINGS_GRAPH_AUTH", "client-secret");
    }

    /** Environment variables a plain-Java main reads: System.getenv("...") calls in its module's sources. */
    private static Set<String> getenvNames(String module, Class<?> mainClass) throws Exception {
        Set<String> names = new TreeSet<>();
        Pattern getenv = Pattern.compile("getenv\\(\\)\\.getOrDefault\\(\"([A-Z_]+)\"|getenv\\(\"([A-Z_]+)\"\\)");
        try (var sources = Files.walk(Repository.file(module + "/src/main/java"))) {
            for (var source : sources.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                Matcher m = getenv.matcher(Files.readString(source));
                while (m.find()) {
                    names.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        return names;
    }
}
