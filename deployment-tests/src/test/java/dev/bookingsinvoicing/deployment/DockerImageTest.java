package dev.bookingsinvoicing.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.FileSystemUtils;

import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * docker/Dockerfile checked against the build, since no Docker engine runs here: the image is the module's runnable
 * jar, built with the Maven wrapper and copied layer by layer in the order Spring Boot indexed them; and an image's
 * file system put together as the Dockerfile does (the layers extracted with the jar's own tools, the build-context
 * COPYs) starts with the image's ENTRYPOINT and passes its HEALTHCHECK.
 */
class DockerImageTest {

    private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final Pattern LAYER = Pattern.compile("^- \"([a-z-]+)\":$", Pattern.MULTILINE);
    private static final Duration START = Duration.ofSeconds(120);

    private final Dockerfile dockerfile = Dockerfile.read();
    private final ComposeFile compose = ComposeFile.load(ComposeFile.envFile("docker/demo.env"));

    /** The modules docker-compose.yml builds images of (its services with build args). */
    private List<String> imageModules() {
        return compose.services().keySet().stream().map(compose::buildArgs).filter(args -> !args.isEmpty())
                .map(args -> args.get("MODULE")).toList();
    }

    /** The runnable jar {@code mvn package} leaves in a module's target folder, the one the image is made of. */
    private static Path runnableJar(String module) {
        Path jar = Repository.file(module + "/target/" + module + ".jar");
        assertThat(jar).as("%s: built by package (run deployment-tests in the reactor: ./mvnw verify)", jar).exists();
        return jar;
    }

    @Test
    void theImageIsTheModulesRunnableJarBuiltByTheWrapperWithItsLayersCopiedInTheJarsOwnOrder() throws Exception {
        assertThat(dockerfile.argDefaults()).containsOnlyKeys("MODULE", "PORT");
        assertThat(dockerfile.text).contains("./mvnw -B -ntp -pl \"${MODULE}\" -am -DskipTests package")
                .contains("java -Djarmode=tools -jar \"${MODULE}/target/${MODULE}.jar\" extract --layers --launcher")
                .contains("FROM eclipse-temurin:17-jre")
                .containsPattern("(?m)^USER 10001");
        assertThat(dockerfile.entrypoint()).last().isEqualTo("--");
        assertThat(dockerfile.entrypoint()).anySatisfy(part -> assertThat(part).contains("exec java $JAVA_OPTS "
                + LAUNCHER + " \"$@\""));
        assertThat(imageModules()).hasSize(6);
        for (String module : imageModules()) {
            String pom = Repository.read(module + "/pom.xml");
            assertThat(pom).as("%s/pom.xml: target/%s.jar is the runnable jar, not attached", module, module)
                    .contains("<finalName>${project.artifactId}</finalName>").contains("<attach>false</attach>")
                    .doesNotContain("<classifier>");
            try (JarFile jar = new JarFile(runnableJar(module).toFile())) {
                Manifest manifest = jar.getManifest();
                assertThat(manifest.getMainAttributes().getValue("Main-Class")).as(module).isEqualTo(LAUNCHER);
                assertThat(manifest.getMainAttributes().getValue("Start-Class")).as(module)
                        .isEqualTo(Repository.startClass(module));
                String index = new String(jar.getInputStream(jar.getEntry("BOOT-INF/layers.idx")).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(dockerfile.layerCopies()).as("the Dockerfile copies the layers of %s in its order", module)
                        .isEqualTo(layers(index));
                assertThat(jar.stream().map(JarEntry::getName)).as("%s carries the tools that extract it", module)
                        .anyMatch(name -> name.startsWith("BOOT-INF/lib/spring-boot-jarmode-tools-"));
            }
            // the artifact the other modules depend on is the plain jar beside it
            Path original = Repository.file(module + "/target/" + module + ".jar.original");
            try (JarFile plain = new JarFile(original.toFile())) {
                assertThat(plain.getEntry(Repository.startClass(module).replace('.', '/') + ".class")).isNotNull();
                assertThat(plain.getEntry("BOOT-INF/")).isNull();
            }
        }
        assertThat(dockerfile.layerCopies()).containsExactly("dependencies", "spring-boot-loader",
                "snapshot-dependencies", "application");
        dockerfile.copies().forEach((source, destination) ->
                assertThat(Repository.file(source)).as("COPY %s", source).exists());
        // the build context (docker/Dockerfile.dockerignore) keeps what the wrapper and the build need
        List<String> ignored = Arrays.stream(Repository.read("docker/Dockerfile.dockerignore").split("\n"))
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).doesNotContain("docker", "docker/healthcheck.sh", "pom.xml", "**/src", "*.xml", "mvnw",
                ".mvn", ".mvn/wrapper");
        assertThat(Repository.file("mvnw")).isExecutable();
    }

    @Test
    void theWrapperPinsTheMavenVersionTheDocsName() {
        Matcher pinned = Pattern.compile("(?m)^distributionUrl=\\S+/apache-maven/([0-9.]+)/apache-maven-\\1-bin\\.zip$")
                .matcher(Repository.read(".mvn/wrapper/maven-wrapper.properties"));
        assertThat(pinned.find()).as("the wrapper downloads one Maven release").isTrue();
        for (String doc : List.of("README.md", "CONTRIBUTING.md")) {
            assertThat(Repository.read(doc)).as("%s names the Maven version ./mvnw runs", doc)
                    .contains(pinned.group(1));
        }
    }

    @Test
    void aServiceStartsFromItsImagesLayersAndTurnsHealthyOnceReady() throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        try (TestMongo mongo = new TestMongo()) {
            int port = freePort();
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBrokersAsString());
            environment.put("MONGODB_URI", mongo.uri("customers"));
            // the embedded server does not know the hello command of Boot's MongoDB health check
            environment.put("MANAGEMENT_HEALTH_MONGODB_ENABLED", "false");
            Image image = Image.assemble(dockerfile, "customer-service");
            Process service = image.run(environment, "--server.port=" + port);
            try {
                await().atMost(START).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(service.isAlive()).as("customer-service is running: %s", image.log()).isTrue();
                    assertThat(image.healthcheck(port)).as("the image's HEALTHCHECK").isZero();
                });
                assertThat(image.log()).contains("Started CustomerServiceApplication")
                        .contains(image.workdir().resolve("BOOT-INF/classes").toString());
            } finally {
                image.stop(service);
            }
            assertThat(image.healthcheck(port)).as("no longer healthy once stopped").isNotZero();
        } finally {
            kafka.destroy();
        }
    }

    @Test
    void theSimulatorStartsFromItsImagesLayersAndAnswersItsComposeHealthCheck() throws Exception {
        int port = freePort();
        Image image = Image.assemble(dockerfile, "bookings-simulator");
        Process simulator = image.run(Map.of("BOOKINGS_SIMULATOR_PORT", String.valueOf(port)));
        try {
            List<String> check = new ArrayList<>(compose.healthcheck("bookings-simulator"));
            assertThat(check.remove(0)).isEqualTo("CMD");
            check.set(1, String.valueOf(port));
            await().atMost(START).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(simulator.isAlive()).as("the simulator is running: %s", image.log()).isTrue();
                assertThat(image.exec(check)).as("compose's health check of the simulator").isZero();
            });
        } finally {
            image.stop(simulator);
        }
    }

    private static List<String> layers(String layersIndex) {
        List<String> layers = new ArrayList<>();
        Matcher m = LAYER.matcher(layersIndex);
        while (m.find()) {
            layers.add(m.group(1));
        }
        return layers;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * An image's file system without Docker: a folder standing for its root, holding what the Dockerfile puts there
     * (the layers the jar's own tools extract, copied into the WORKDIR in the Dockerfile's order, and the
     * build-context COPYs); its ENTRYPOINT and HEALTHCHECK run in it with the image's paths pointing into it.
     */
    private record Image(Dockerfile dockerfile, Path root, Path logFile) {

        static Image assemble(Dockerfile dockerfile, String module) throws Exception {
            Path root = Repository.file("deployment-tests/target/images/" + module);
            FileSystemUtils.deleteRecursively(root);
            Path extracted = Files.createDirectories(root.resolve("build")).resolve("extracted");
            Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar",
                    runnableJar(module).toString(), "extract", "--layers", "--launcher", "--destination",
                    extracted.toString()).redirectErrorStream(true).redirectOutput(root.resolve("extract.log").toFile())
                    .start();
            assertThat(extract.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(extract.exitValue()).as(Files.readString(root.resolve("extract.log"))).isZero();
            Image image = new Image(dockerfile, root, root.resolve("run.log"));
            Files.createDirectories(image.workdir());
            for (String layer : dockerfile.layerCopies()) {
                copyTree(extracted.resolve(layer), image.workdir());
            }
            for (Map.Entry<String, String> copy : dockerfile.copies().entrySet()) {
                Path target = image.inImage(copy.getValue());
                Files.createDirectories(target.getParent());
                Files.copy(Repository.file(copy.getKey()), target, StandardCopyOption.COPY_ATTRIBUTES);
            }
            FileSystemUtils.deleteRecursively(extracted);
            return image;
        }

        Path workdir() {
            return inImage(dockerfile.workdir());
        }

        /** Starts the image's ENTRYPOINT in its WORKDIR with these arguments, as {@code docker run image args}. */
        Process run(Map<String, String> environment, String... args) throws IOException {
            List<String> command = new ArrayList<>(dockerfile.entrypoint());
            command.addAll(List.of(args));
            ProcessBuilder process = new ProcessBuilder(command).directory(workdir().toFile())
                    .redirectErrorStream(true).redirectOutput(logFile.toFile());
            process.environment().putAll(environment);
            process.environment().put("PATH", Path.of(java()).getParent() + ":" + System.getenv("PATH"));
            // the image's JAVA_OPTS size the heap from a container's limit; this machine has no such limit
            process.environment().put("JAVA_OPTS", "-Xmx384m -XX:+ExitOnOutOfMemoryError");
            return process.start();
        }

        /** The image's HEALTHCHECK, run by /bin/sh as Docker does, with its HEALTH_PORT. */
        int healthcheck(int port) throws Exception {
            return exec(List.of("/bin/sh", "-c", dockerfile.healthcheckCommand()), Map.of("HEALTH_PORT",
                    String.valueOf(port)));
        }

        /** A command inside the image (exec form); paths under the WORKDIR point into this folder. */
        int exec(List<String> command) throws Exception {
            return exec(command, Map.of());
        }

        private int exec(List<String> command, Map<String, String> environment) throws Exception {
            String prefix = dockerfile.workdir() + "/";
            List<String> local = command.stream()
                    .map(part -> part.replace(prefix, workdir() + "/")).toList();
            ProcessBuilder builder = new ProcessBuilder(local).directory(workdir().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            Process process = builder.start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        }

        /** SIGTERM, as docker stop sends to the JVM (PID 1 through the entrypoint's exec). */
        void stop(Process process) throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }

        String log() {
            try {
                return Files.exists(logFile) ? Files.readString(logFile) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path inImage(String absolute) {
            return root.resolve(absolute.replaceFirst("^/", ""));
        }

        private static String java() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path source : files.toList()) {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
