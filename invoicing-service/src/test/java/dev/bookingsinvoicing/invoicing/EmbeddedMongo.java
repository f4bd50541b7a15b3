package dev.bookingsinvoicing.invoicing;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.bookingsinvoicing.service.testing.TestMongo;

/**
 * The one embedded MongoDB server the service's Spring integration tests share: started once per test JVM (and
 * stopped with it), a database per test class, so that no class sees another's data.
 */
public final class EmbeddedMongo {

    private static final TestMongo SERVER = new TestMongo();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::close, "embedded-mongo-stop"));
    }

    private EmbeddedMongo() {
    }

    /** Points the service at {@code database} on the shared server (call from a {@code @DynamicPropertySource}). */
    public static void database(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.mongodb.uri", () -> SERVER.uri(database));
    }
}
