package dev.bookingsinvoicing.invoicing;

import java.net.InetSocketAddress;

import org.springframework.test.context.DynamicPropertyRegistry;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The embedded MongoDB wire-protocol server the service's integration tests share: started once per test JVM (and
 * stopped with it), a database per test class, so that no class sees another's data.
 */
public final class EmbeddedMongo {

    private static final MongoServer SERVER = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress ADDRESS = SERVER.bind();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::shutdownNow, "embedded-mongo-stop"));
    }

    private EmbeddedMongo() {
    }

    /** Points the service at {@code database} on the shared server (call from a {@code @DynamicPropertySource}). */
    public static void database(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.mongodb.uri", () -> "mongodb://localhost:" + ADDRESS.getPort() + "/" + database);
    }
}
