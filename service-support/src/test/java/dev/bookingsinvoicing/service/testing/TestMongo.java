package dev.bookingsinvoicing.service.testing;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The MongoDB wire-protocol server (mongo-java-server, in memory) of a test, shared by every module's tests as this
 * module's test-jar: started when made, stopped on {@link #close()} with the clients it handed out. Declare it
 * {@code @AutoClose}: as an instance field it lives for one test, as a static field for the test class. A service
 * under test reaches it through {@link #uri}, the test itself through {@link #template} or {@link #client}.
 */
public final class TestMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final List<MongoClient> clients = new CopyOnWriteArrayList<>();

    /** The connection string of {@code database} on this server, e.g. for {@code spring.mongodb.uri}. */
    public String uri(String database) {
        return "mongodb://localhost:" + address.getPort() + "/" + database;
    }

    /** A client of its own, as one more service instance would have; closed with this server. */
    public MongoClient client() {
        MongoClient client = MongoClients.create("mongodb://localhost:" + address.getPort());
        clients.add(client);
        return client;
    }

    /** {@code database} over a client of its own, as one more service instance would reach it. */
    public MongoTemplate template(String database) {
        return new MongoTemplate(client(), database);
    }

    @Override
    public void close() {
        clients.forEach(MongoClient::close);
        server.shutdownNow();
    }
}
