package dev.bookingsinvoicing.faults;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoServer;
import dev.bookingsinvoicing.cli.DeadLetters;
import dev.bookingsinvoicing.cli.KafkaClients;
import dev.bookingsinvoicing.localstack.LocalMongoServer;
import dev.bookingsinvoicing.localstack.LocalStack;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.simulator.SimulatorSettings;

/**
 * One local stack for a fault case, with the handles the faults need: publish records, read a topic to its end,
 * look at the invoicing view in MongoDB, crash the invoicing service, cut MongoDB off and restore it.
 */
final class FaultStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultStack.class);
    static final String VIEW = "bookings_not_invoiced";

    final LocalStack stack;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer avro = new AvroSerializer();
    private final MongoClient mongo;

    private FaultStack(LocalStack stack, int mongoPort) {
        this.stack = stack;
        // Not idempotent: under load the local broker once handed this producer the producer id a service's producer
        // already had, and every send to a partition both wrote failed with OUT_OF_ORDER_SEQUENCE_NUMBER forever.
        // One request in flight keeps the order; a retry may duplicate a record, which every consumer tolerates.
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000),
                new StringSerializer(), new ByteArraySerializer());
        this.mongo = MongoClients.create("mongodb://localhost:" + mongoPort);
    }

    /** A stack with the default, tidy simulated tenant, 4 partitions per topic and the memory MongoDB backend. */
    static FaultStack start(String name) {
        return start(name, tidyTenant(), Duration.ofSeconds(30));
    }

    /**
     * The simulator's defaults without its implausible and unreadable appointments: the fault cases compare what
     * arrives with what Bookings holds, and which records are quarantined or need a price is EndToEndTest's subject.
     */
    static SimulatorSettings tidyTenant() {
        return SimulatorSettings.defaults().withImplausibleRecords(false);
    }

    static FaultStack start(String name, SimulatorSettings simulator, Duration syncInterval) {
        for (int attempt = 1; ; attempt++) {
            try {
                Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                        "faults-" + name + "-");
                LocalStack.Ports ports = LocalStack.Ports.free();
                LocalStack stack = LocalStack.start(new LocalStack.Settings(dir, LocalMongoServer.Backend.MEMORY,
                        ports, simulator, 4, syncInterval));
                return new FaultStack(stack, ports.mongo());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (RuntimeException e) {
                // the broker, MongoDB and simulator ports are picked before they are bound (the broker must come
                // back on its port after a restart); another socket can take one in between (a CI run failed so)
                if (attempt == 3 || !causedByBindException(e)) {
                    throw e;
                }
                log.warn("a port picked for the {} stack was taken before it was bound; picking others", name);
            }
        }
    }

    private static boolean causedByBindException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** The dead-letter tool's reader on this stack (plain clients), every wait within a minute from now. */
    DeadLetters deadLetters() {
        return new DeadLetters(new KafkaClients(bootstrapServers(), new Properties(), Duration.ofMinutes(1)));
    }

    // ---- Kafka

    void publish(Collection<Universe.Event> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Universe.Event event : events) {
            sent.add(send(event.topic(), event.key(), event.value()));
        }
        await(sent);
    }

    Future<RecordMetadata> send(String topic, String key, SpecificRecord value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, null);
        byte[] bytes = avro.serialize(topic, record.headers(), value);
        return producer.send(new ProducerRecord<>(topic, null, key, bytes, record.headers()));
    }

    RecordMetadata sendRaw(String topic, String key, byte[] value) {
        return await(List.of(producer.send(new ProducerRecord<>(topic, key, value)))).get(0);
    }

    private static List<RecordMetadata> await(List<Future<RecordMetadata>> sent) {
        List<RecordMetadata> done = new ArrayList<>();
        try {
            for (Future<RecordMetadata> future : sent) {
                done.add(future.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed", e.getCause());
        }
    }

    /** Every committed record of a topic, from the beginning to its current end. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fault-suite-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    // ---- MongoDB, read directly: what the view holds whatever the REST API's security says

    MongoDatabase invoicingDatabase() {
        return mongo.getDatabase("invoicing");
    }

    long viewCount(String businessId, String status) {
        Document filter = new Document("businessId", businessId);
        if (status != null) {
            filter.append("status", status);
        }
        return invoicingDatabase().getCollection(VIEW).countDocuments(filter);
    }

    List<String> viewIds(String businessId) {
        List<String> ids = new ArrayList<>();
        invoicingDatabase().getCollection(VIEW).find(new Document("businessId", businessId))
                .projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /**
     * The view's totals as invoicing-service keeps them per customer ({@code customer_totals}) and as the rows in the
     * view add up, by customer no., status and currency ("bookings amount"): equal unless a kept total went wrong.
     * The totals follow each write of rows a moment later, so this waits up to 30 s for them to agree and returns
     * the last reading either way.
     */
    Map<String, Map<String, String>> totalsKeptAndCounted() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Map<String, String>> reading = totalsNow();
        while (!reading.get("kept").equals(reading.get("counted")) && System.nanoTime() < deadline) {
            Report.pause(Duration.ofMillis(200));
            reading = totalsNow();
        }
        return reading;
    }

    private Map<String, Map<String, String>> totalsNow() {
        Map<String, BigDecimal[]> kept = new TreeMap<>();
        for (Document d : invoicingDatabase().getCollection("customer_totals").find()) {
            for (Document sum : d.getList("sums", Document.class, List.of())) {
                add(kept, sum.getString("customerNo") + "|" + sum.getString("status") + "|" + sum.getString("currency"),
                        ((Number) sum.get("bookings")).longValue(), sum.get("amount"));
            }
        }
        Map<String, BigDecimal[]> counted = new TreeMap<>();
        for (Document row : invoicingDatabase().getCollection(VIEW).find()) {
            add(counted, row.getString("customerNo") + "|" + row.getString("status") + "|" + row.getString("currency"),
                    1, row.get("amount"));
        }
        return Map.of("kept", text(kept), "counted", text(counted));
    }

    private static void add(Map<String, BigDecimal[]> totals, String key, long bookings, Object amount) {
        BigDecimal[] total = totals.computeIfAbsent(key, k -> new BigDecimal[] {
                BigDecimal.ZERO, null });
        total[0] = total[0].add(BigDecimal.valueOf(bookings));
        if (amount instanceof Decimal128 decimal) {
            total[1] = total[1] == null ? decimal.bigDecimalValue() : total[1].add(decimal.bigDecimalValue());
        }
    }

    private static Map<String, String> text(Map<String, BigDecimal[]> totals) {
        Map<String, String> text = new TreeMap<>();
        totals.forEach((key, t) -> text.put(key, t[0] + " " + (t[1] == null ? "-" : t[1].toPlainString())));
        return text;
    }

    // ---- faults

    /**
     * Crashes the invoicing service as a killed process would, as far as one JVM allows: its MongoDB client and
     * Kafka producers are closed under the running listeners first, so the work in flight fails where it is
     * (no graceful finish of the current record), the open Kafka transaction is never committed; then the
     * context goes away.
     */
    void crashInvoicing() {
        var context = stack.service(LocalStack.Service.INVOICING);
        if (context == null) {
            return;
        }
        try {
            context.getBean(com.mongodb.client.MongoClient.class).close();
        } catch (RuntimeException e) {
            log.warn("closing the invoicing MongoDB client: {}", e.toString());
        }
        try {
            context.getBeansOfType(org.springframework.kafka.core.ProducerFactory.class).values()
                    .forEach(org.springframework.kafka.core.ProducerFactory::reset);
        } catch (RuntimeException e) {
            log.warn("closing the invoicing producers: {}", e.toString());
        }
        stack.stop(LocalStack.Service.INVOICING);
    }

    /** The embedded MongoDB server behind the stack (not exposed by LocalStack: read by reflection). */
    private MongoServer mongoServer() {
        try {
            Field mongoField = LocalStack.class.getDeclaredField("mongo");
            mongoField.setAccessible(true);
            Object local = mongoField.get(stack);
            Field serverField = LocalMongoServer.class.getDeclaredField("server");
            serverField.setAccessible(true);
            return (MongoServer) serverField.get(local);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the embedded MongoDB server", e);
        }
    }

    private int mongoPort() {
        try {
            Field mongoField = LocalStack.class.getDeclaredField("mongo");
            mongoField.setAccessible(true);
            Field portField = LocalMongoServer.class.getDeclaredField("port");
            portField.setAccessible(true);
            return portField.getInt(mongoField.get(stack));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the embedded MongoDB server", e);
        }
    }

    /** MongoDB goes away: the port stops accepting, and every open connection is closed. The data stays. */
    void cutMongo() {
        MongoServer server = mongoServer();
        server.stopListening();
        try {
            Method closeClients = MongoServer.class.getDeclaredMethod("closeClients");
            closeClients.setAccessible(true);
            closeClients.invoke(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot close the MongoDB connections", e);
        }
    }

    /** MongoDB is back on the same port with the same data. */
    void restoreMongo() {
        mongoServer().bind("localhost", mongoPort());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        mongo.close();
        stack.close();
    }

    static String deadLetterTopic(String topic) {
        return Topics.deadLetterOf(topic);
    }
}
