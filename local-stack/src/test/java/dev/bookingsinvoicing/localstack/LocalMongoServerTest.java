package dev.bookingsinvoicing.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The local stack keeps MongoDB data in H2: prove that it survives scans during writes and a restart, that a file of
 * the plain H2 backend (before the local stack searched its indexes with remembered keys and wrote its documents as
 * BSON) still works, and that the remembered keys order an index exactly as the plain backend does.
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
            // documents the plain backend Java-serialised, rewritten now beside those it left alone
            rows.updateMany(Filters.lt("bookingId", 1_000), Updates.set("invoiced", true));
        }
        try (LocalMongoServer server = LocalMongoServer.start(LocalMongoServer.Backend.H2, dataDir, port);
                MongoClient client = MongoClients.create(server.uri("test"))) {
            MongoCollection<Document> rows = client.getDatabase("test").getCollection("rows");
            assertThat(rows.countDocuments(Filters.eq("invoiced", true))).isEqualTo(1_000);
            assertThat(rows.find(Filters.eq("_id", "row-999")).first()).containsEntry("bookingId", 999)
                    .containsEntry("invoiced", true);
            assertThat(rows.find(Filters.eq("_id", "row-1000")).first()).containsEntry("bookingId", 1000)
                    .doesNotContainKey("invoiced");
            assertThat(rows.find(Filters.eq("bookingId", 2000)).first()).containsEntry("_id", "row-2000");
        }
    }

    @Test
    void keepsEveryKindOfValueAcrossARestart() {
        int port = FreePorts.next();
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            written.add(new Document("_id", i % 2 == 0 ? new ObjectId() : "id-" + i)
                    .append("text", "Jörg Größe " + i).append("int", i).append("long", 10_000_000_000L + i)
                    .append("double", i / 3.0).append("decimal", new Decimal128(new BigDecimal("12.3" + i)))
                    .append("date", Date.from(Instant.parse("2026-12-06T10:15:30.123Z").plusSeconds(i)))
                    .append("flag", i % 3 == 0).append("nothing", null)
                    .append("binary", new Binary(new byte[] {(byte) i, 0, -1}))
                    .append("nested", new Document("customerNo", "C" + i).append("lines", List.of(1, "two", 3.5)))
                    .append("entries", List.of(List.of("b-" + i, "C" + i, new Decimal128(BigDecimal.TEN)))));
        }
        try (LocalMongoServer server = LocalMongoServer.start(LocalMongoServer.Backend.H2, dataDir, port);
                MongoClient client = MongoClients.create(server.uri("test"))) {
            MongoCollection<Document> values = client.getDatabase("test").getCollection("values");
            values.insertMany(written);
            values.updateOne(Filters.eq("_id", "id-1"), Updates.combine(Updates.inc("int", 41),
                    Updates.push("nested.lines", "four")));
        }
        Document first = written.get(1);
        first.put("int", 42);
        first.put("nested", new Document("customerNo", "C1").append("lines", List.of(1, "two", 3.5, "four")));
        try (LocalMongoServer server = LocalMongoServer.start(LocalMongoServer.Backend.H2, dataDir, port);
                MongoClient client = MongoClients.create(server.uri("test"))) {
            MongoCollection<Document> values = client.getDatabase("test").getCollection("values");
            List<Document> read = values.find().into(new ArrayList<>());
            assertThat(read).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @Test
    void ordersKeysAsThePlainBackendDoes() {
        Random random = new Random(19);
        List<KeyValue> keys = new ArrayList<>();
        // the strings Java serialisation writes specially: the field type it holds already, U+0000 and non-ASCII
        // (two bytes or more), a string too long for a two-byte length; and names it writes without a reference
        for (String special : List.of(LocalH2Backend.SerialisedKeyType.FIELD_TYPE, "values", "java.util.ArrayList",
                "size", "", "a\0b", "\u007f", "\u0080", "é", "z", "Größe", "a".repeat(70_000), "b".repeat(65_535))) {
            keys.add(new KeyValue(special));
        }
        for (int i = 0; i < 400; i++) {
            keys.add(switch (i % 5) {
                case 0 -> new KeyValue("row-" + random.nextInt(100_000));
                case 1 -> new KeyValue("Größe-" + (char) ('a' + random.nextInt(26)) + random.nextInt(1_000));
                case 2 -> new KeyValue(random.nextInt(), "b-" + random.nextInt(50));
                case 3 -> new KeyValue(randomAscii(random));
                default -> new KeyValue(random.nextLong());
            });
        }
        LocalH2Backend.SerialisedKeyType remembered = new LocalH2Backend.SerialisedKeyType();
        ObjectDataType plain = new ObjectDataType();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                // b as a stored key once more, and a fresh copy of a as the searched one
                KeyValue searched = new KeyValue(a.stream().toList());
                assertThat(Integer.signum(remembered.compare(searched, b)))
                        .as("%.40s against %.40s", a, b).isEqualTo(Integer.signum(plain.compare(a, b)));
            }
        }
    }

    /** 0 to 40 characters from the whole ASCII range, control characters included. */
    private static String randomAscii(Random random) {
        char[] text = new char[random.nextInt(41)];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) (1 + random.nextInt(127));
        }
        return new String(text);
    }
}
