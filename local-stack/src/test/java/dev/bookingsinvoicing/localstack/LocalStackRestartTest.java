package dev.bookingsinvoicing.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.bookingsinvoicing.simulator.SimulatorSettings;

/** The local stack on its default store keeps its projections when the whole stack is stopped and started again. */
class LocalStackRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @Test
    void aRestartedStackHoldsTheViewRowsItBuiltBeforeAtOnce() {
        LocalStack.Settings settings = new LocalStack.Settings(dataDir, LocalMongoServer.Backend.H2,
                LocalStack.Ports.free(), SimulatorSettings.defaults().withVolume(2, 5, 3, 20), 2,
                Duration.ofHours(1));
        Set<String> before;
        try (LocalStack stack = LocalStack.start(settings)) {
            await().atMost(PATIENCE).until(() -> !viewRowIds(stack).isEmpty());
            before = viewRowIds(stack);
        }
        try (LocalStack stack = LocalStack.start(settings)) {
            // read as soon as the stack is up: the view's consumers resume after the offsets they committed, so the
            // rows are there only if the store kept them (on the memory backend this view is empty)
            assertThat(viewRowIds(stack)).containsAll(before);
        }
    }

    private static Set<String> viewRowIds(LocalStack stack) {
        try (MongoClient client = MongoClients.create(stack.mongoUri("invoicing"))) {
            Set<String> ids = new HashSet<>();
            client.getDatabase("invoicing").getCollection("bookings_not_invoiced").find()
                    .projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
            return ids;
        }
    }
}
