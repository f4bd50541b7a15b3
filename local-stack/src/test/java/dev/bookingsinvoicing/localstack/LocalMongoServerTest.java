package dev.bookingsinvoicing.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The local stack keeps MongoDB data in H2: prove that it survives scans during writes and a restart, and that a
 * file of the plain H2 backend (before the local stack searched its indexes with remembered keys) still works.
 */
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

    @Test
    void readsAndIndexesAFileWrittenByThePlainH2Backend() {
        int port = FreePorts.next();
        MongoServer plain = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
        plain.bind("localhost", port);
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            MongoCollection<Document> rows = client.getDatabase("test").getCollection("rows");
            rows.createIndex(Indexes.ascending("bookingId"), new IndexOptions().unique(true));
            for (int i = 0; i < 2_000; i++) {
                rows.insertOne(new Document("_id", "row-" + i).append("bookingId", i));
            }
        } finally {
            plain.shutdown();
        }
        try (LocalMongoServer server = LocalMongoServer.start(LocalMongoServer.Backend.H2, dataDir, port);
                MongoClient client = MongoClients.create(server.uri("test"))) {
            MongoCollection<Document> rows = client.getDatabase("test").getCollection("rows");
            // found through the _id index and the unique bookingId index the plain backend ordered
            assertThat(rows.find(Filters.eq("_id", "row-1234")).first()).containsEntry("bookingId", 1234);
            assertThat(rows.find(Filters.eq("bookingId", 777)).first()).containsEntry("_id", "row-777");
            assertThatThrownBy(() -> rows.insertOne(new Document("_id", "row-5")))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> rows.insertOne(new Document("_id", "other").append("bookingId", 1999)))
                    .isInstanceOf(MongoWriteException.class);
            rows.insertOne(new Document("_id", "row-2000").append("bookingId", 2000));
            assertThat(rows.countDocuments()).isEqualTo(2_001);
        }
    }
}
