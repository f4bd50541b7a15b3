package dev.bookingsinvoicing.benchmarks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Decimal128;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;

import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * What the broker and the store can do with no service in between, on the very broker and MongoDB server the
 * services then use: N encoded AppointmentCompleted through a plain producer and consumer, and N view-row
 * documents through the MongoDB driver (unordered insertMany, the view's first page, deleteMany by _id $in), and the
 * read of one small sum document per customer.
 */
final class RawBaselines {

    static final String SCENARIO = "raw";
    static final String FIRST_PAGE_P50 = "store first page (count+sort+limit) p50";
    static final String SUMS_READ_P50 = "store sums read p50";
    /** insertMany batch: what a service would send at most in one bulk write. */
    private static final int INSERT_BATCH = 10_000;
    /** deleteMany $in batch (invoicing-service uses IdBatches.SIZE, 100: the embedded server compares each candidate to every id). */
    private static final int DELETE_BATCH = 1_000;

    private RawBaselines() {
    }

    static void broker(Results results, Fixtures fixtures, String bootstrap, Admin admin, int partitions,
            Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        int n = fixtures.size();
        String topic = "bench.raw-" + n;
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        // encoded beforehand: the baseline is the broker, not Avro
        byte[][] values = new byte[n][];
        String[] keys = new String[n];
        long bytes = 0;
        try (AvroSerializer serializer = new AvroSerializer()) {
            for (int i = 0; i < n; i++) {
                var event = fixtures.appointment(0, i);
                values[i] = serializer.serialize(topic, event);
                keys[i] = Keys.appointment(event.getBusinessId(), event.getAppointmentId());
                bytes += values[i].length;
            }
        }
        results.add(n, SCENARIO, "record size (encoded AppointmentCompleted)", (double) bytes / n, "bytes");

        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Kafka.producerProps(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, keys[i], values[i]));
            }
            producer.flush();
        }
        double produceS = Kafka.since(t0).toNanos() / 1e9;
        results.add(n, SCENARIO, "broker produce time", produceS, "s");
        results.add(n, SCENARIO, "broker produce records/s", n / produceS, "rec/s");
        results.add(n, SCENARIO, "broker produce MB/s", bytes / produceS / 1e6, "MB/s");

        long t1 = System.nanoTime();
        long deadline = t1 + timeout.toNanos();
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Kafka.consumerProps(bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(Kafka.partitions(admin, topic));
            consumer.seekToBeginning(consumer.assignment());
            while (read < n && System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                read += records.count();
            }
        }
        double consumeS = Kafka.since(t1).toNanos() / 1e9;
        if (read < n) {
            results.add(n, SCENARIO, "broker consume TIMEOUT (records read)", read, "records");
            return;
        }
        results.add(n, SCENARIO, "broker consume time", consumeS, "s");
        results.add(n, SCENARIO, "broker consume records/s", n / consumeS, "rec/s");
        results.add(n, SCENARIO, "broker consume MB/s", bytes / consumeS / 1e6, "MB/s");
        // a pipeline runs both stages at once: its ceiling is the slower one
        results.add(n, SCENARIO, "broker records/s (slower stage)", Math.min(n / produceS, n / consumeS), "rec/s");
        admin.deleteTopics(List.of(topic));
    }

    static void store(Results results, Fixtures fixtures, String mongoUri) {
        int n = fixtures.size();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> rows = client.getDatabase("raw_baseline").getCollection("rows_" + n);
            List<Document> batch = new ArrayList<>(INSERT_BATCH);
            List<String> ids = new ArrayList<>(n);
            double insertS = 0;
            for (int i = 0; i < n; i++) {
                Document row = fixtures.viewRowDocument(i);
                ids.add(row.getString("_id"));
                batch.add(row);
                if (batch.size() == INSERT_BATCH || i == n - 1) {
                    // only the driver call is timed, not building the documents
                    long t = System.nanoTime();
                    rows.insertMany(batch, new InsertManyOptions().ordered(false));
                    insertS += (System.nanoTime() - t) / 1e9;
                    batch = new ArrayList<>(INSERT_BATCH);
                }
            }
            results.add(n, SCENARIO, "store insertMany time", insertS, "s");
            results.add(n, SCENARIO, "store insertMany docs/s", n / insertS, "docs/s");

            // what the view's first page costs on the bare driver: count + sort on start,_id + limit 50
            double[] pageMs = new double[9];
            for (int q = 0; q < pageMs.length; q++) {
                long t = System.nanoTime();
                rows.countDocuments();
                rows.find().sort(Sorts.ascending("start", "_id")).limit(50).into(new ArrayList<>());
                pageMs[q] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(pageMs);
            results.add(n, SCENARIO, FIRST_PAGE_P50, pageMs[pageMs.length / 2], "ms");

            sums(results, fixtures, client.getDatabase("raw_baseline").getCollection("sums_" + n));

            long t = System.nanoTime();
            for (int from = 0; from < n; from += DELETE_BATCH) {
                rows.deleteMany(Filters.in("_id", ids.subList(from, Math.min(n, from + DELETE_BATCH))));
            }
            double deleteS = Kafka.since(t).toNanos() / 1e9;
            results.add(n, SCENARIO, "store deleteMany _id $in time", deleteS, "s");
            results.add(n, SCENARIO, "store deleteMany docs/s", n / deleteS, "docs/s");
            results.add(n, SCENARIO, "store insert+delete time", insertS + deleteS, "s");
            client.getDatabase("raw_baseline").drop();
        }
    }

    /**
     * The floor of per-customer totals on this store: one document per customer holding nothing but its sum (customer
     * no., name, status, currency, amount, bookings), all of them read by one reader, nine times. What the service
     * keeps per customer holds more (its rows, to take them out again), so its answer cannot be faster than this.
     */
    private static void sums(Results results, Fixtures fixtures, MongoCollection<Document> sums) {
        int customers = fixtures.customers();
        List<Document> batch = new ArrayList<>(INSERT_BATCH);
        for (int c = 0; c < customers; c++) {
            batch.add(new Document("_id", "customer-" + c).append("customerNo", "C" + c).append("name", "Customer " + c)
                    .append("status", "READY").append("currency", "EUR")
                    .append("amount", new Decimal128(BigDecimal.valueOf(c, 2))).append("bookings", 10));
            if (batch.size() == INSERT_BATCH || c == customers - 1) {
                sums.insertMany(batch, new InsertManyOptions().ordered(false));
                batch = new ArrayList<>(INSERT_BATCH);
            }
        }
        double[] readMs = new double[9];
        for (int q = 0; q < readMs.length; q++) {
            long t = System.nanoTime();
            int read = 0;
            for (Document ignored : sums.find().batchSize(10_000)) {
                read++;
            }
            readMs[q] = (System.nanoTime() - t) / 1e6;
            if (read != customers) {
                throw new IllegalStateException("read " + read + " of " + customers + " sums");
            }
        }
        Arrays.sort(readMs);
        results.add(fixtures.size(), SCENARIO, "store sums read (one per customer)", customers, "docs");
        results.add(fixtures.size(), SCENARIO, SUMS_READ_P50, readMs[readMs.length / 2], "ms");
        results.add(fixtures.size(), SCENARIO, "store sums read max", readMs[readMs.length - 1], "ms");
    }
}
