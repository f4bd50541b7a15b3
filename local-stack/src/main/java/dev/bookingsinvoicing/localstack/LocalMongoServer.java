package dev.bookingsinvoicing.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An embedded server speaking the MongoDB wire protocol (de.bwaldvogel mongo-java-server), so the services use the
 * real MongoDB driver against it. The H2 backend keeps data in one file across restarts (its unique indexes searched
 * and its documents stored as {@link LocalH2Backend} describes, with a larger page cache); the memory backend is
 * faster and forgets everything on stop.
 */
public final class LocalMongoServer implements AutoCloseable {

    /** Where the embedded server keeps its documents. */
    public enum Backend { H2, MEMORY }

    /**
     * H2's cache of read pages, in MB (its default is 16): a quarter of the heap, 256 MB with the README's
     * {@code -Xmx1g}. The embedded server answers most queries by scanning a whole collection; a page that is not
     * cached is read from the file and its documents decoded again, which is what such scans spent their time on once
     * 100,000 documents outgrew 16 MB. The cache is in the heap (MEMORY keeps every document there), and H2 counts
     * each document at the heap it takes ({@link LocalH2Backend}).
     */
    static int h2CacheMb(long maxHeapBytes) {
        return (int) Math.max(16, maxHeapBytes / 4 / (1024 * 1024));
    }

    private static final Logger log = LoggerFactory.getLogger(LocalMongoServer.class);

    private final MongoServer server;
    private final int port;

    private LocalMongoServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalMongoServer start(Backend backend, Path dataDir, int port) {
        MongoBackend store = switch (backend) {
            case MEMORY -> new MemoryBackend();
            case H2 -> new LocalH2Backend(new MVStore.Builder().fileName(h2File(dataDir))
                    .cacheSize(h2CacheMb(Runtime.getRuntime().maxMemory())).open());
        };
        MongoServer server = new MongoServer(store);
        server.bind("localhost", port);
        log.info("MongoDB wire-protocol server ({} backend) listening on localhost:{}", backend, port);
        return new LocalMongoServer(server, port);
    }

    private static String h2File(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dataDir.resolve("mongo.mv").toAbsolutePath().toString();
    }

    /** A connection string for one database of this server. */
    public String uri(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
