package dev.bookingsinvoicing.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/** The local stack keeps MongoDB data in H2: prove that it survives scans during writes and a restart. */
class LocalMongoServerTest {

    @TempDir
    Path dataDir;

    @Test
    void h2BackendKeepsEveryDocumentAcrossARestartWhileBeingScannedDuringWrites() {
        int port = FreePorts.next();
        int batches = 20;
        int perBatch = 1_000;
        try (LocalMongoServer server = LocalMongoServer.start(LocalMongoServer.Backend.H2, dataDir, port);
                MongoClient client = MongoClients.create(server.uri("test"))) {
            MongoCollection<Document> rows = client.getDatabase("test").getCollection("rows");
            for (int batch = 0; batch < batches; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    documents.add(new Document("_id", batch + "/" + i).append("batch", batch).append("status", "READY"));
                }
                rows.insertMany(documents);
                // a full scan between writes: the pattern that broke H2's MVStore at 1M documents
                assertThat(rows.countDocuments(Filters.eq("status", "READY"))).isEqualTo((long) (batch + 1) * perBatch);
            }
        }
        try (LocalMongoServer server = LocalMongoServer.start(LocalMongoServer.Backend.H2, dataDir, port);
                MongoClient client = MongoClients.create(server.uri("test"))) {
            MongoCollection<Document> rows = client.getDatabase("test").getCollection("rows");
            assertThat(rows.countDocuments(Filters.eq("status", "READY"))).isEqualTo((long) batches * perBatch);
            assertThat(rows.find(Filters.eq("_id", "7/123")).first()).containsEntry("batch", 7);
        }
    }
}
