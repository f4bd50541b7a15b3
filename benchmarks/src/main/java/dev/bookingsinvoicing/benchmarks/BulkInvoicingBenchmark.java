package dev.bookingsinvoicing.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.micrometer.core.instrument.MeterRegistry;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.invoicing.InvoicingServiceApplication;
import dev.bookingsinvoicing.localstack.FreePorts;
import dev.bookingsinvoicing.localstack.LocalKafkaBroker;
import dev.bookingsinvoicing.localstack.LocalMongoServer;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * One size of the raw baselines, the direct ingest, bulk invoicing (one ALL command, then 10 concurrent commands
 * over disjoint customers) and the dashboard reads, on a fresh broker, MongoDB server and invoicing-service.
 * The ready bookings are published directly as ItemRegistered, CustomerRegistered and AppointmentCompleted
 * (registrations first, so every appointment lands READY without a recomputation).
 */
final class BulkInvoicingBenchmark {

    private final Results results;
    private final BenchmarkOptions options;
    private final Fixtures fixtures;
    private final int n;

    BulkInvoicingBenchmark(Results results, BenchmarkOptions options, int size) {
        this.results = results;
        this.options = options;
        this.fixtures = new Fixtures(size);
        this.n = size;
    }

    void run(Path dataDir) throws Exception {
        long t0 = System.nanoTime();
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, FreePorts.next(), FreePorts.next(),
                options.partitions());
        int mongoPort = FreePorts.next();
        LocalMongoServer mongo = LocalMongoServer.start(options.backend(), dataDir, mongoPort);
        results.add(n, "footprint", "broker+mongo start", Kafka.since(t0).toMillis() / 1000.0, "s");
        String bootstrap = broker.bootstrapServers();
        ConfigurableApplicationContext invoicing = null;
        try (Admin admin = Kafka.admin(bootstrap);
                MongoClient client = MongoClients.create(mongo.uri("invoicing"))) {
            if (options.runs("raw")) {
                RawBaselines.broker(results, fixtures, bootstrap, admin, options.partitions(), options.stepTimeout());
                RawBaselines.store(results, fixtures, mongo.uri("raw_baseline"));
            }
            if (!options.runs("bulk") && !options.runs("reads")) {
                return;
            }
            long s = System.nanoTime();
            int httpPort = FreePorts.next();
            invoicing = InvoicingServiceApplication.builder().run(
                    "--spring.kafka.bootstrap-servers=" + bootstrap,
                    "--spring.mongodb.uri=" + mongo.uri("invoicing"),
                    "--server.port=" + httpPort,
                    "--bookings.kafka.topics.partitions=" + options.partitions(),
                    "--bookings.invoicing.dashboard.max-age=" + (options.dashboardCache() ? "1s" : "0s"),
                    "--spring.main.banner-mode=off",
                    "--logging.include-application-name=false");
            results.add(n, "footprint", "invoicing-service start", Kafka.since(s).toMillis() / 1000.0, "s");
            MongoCollection<Document> view = client.getDatabase("invoicing").getCollection("bookings_not_invoiced");

            try (KafkaProducer<String, SpecificRecord> producer = Kafka.eventProducer(bootstrap);
                    ResultWatcher watcher = new ResultWatcher(bootstrap, admin)) {
                Waits.until("result watcher positioned", Duration.ofSeconds(30), Duration.ofMillis(100),
                        watcher::positioned);
                if (!registrations(producer, admin, client.getDatabase("invoicing").getCollection("customer_registrations"),
                        client.getDatabase("invoicing").getCollection("item_registrations"))) {
                    return;
                }
                MeterRegistry meters = invoicing.getBean(MeterRegistry.class);
                if (!ingest(1, producer, admin, view, "ingest", meters)) {
                    return;
                }
                if (options.runs("bulk")) {
                    bulkAll(producer, watcher);
                    if (!ingest(2, producer, admin, view, "ingest2", meters)) {
                        return;
                    }
                }
                results.add(n, "footprint", "live heap, view of N rows (after GC)", Footprint.liveHeapMiB(), "MiB");
                results.add(n, "footprint", "RSS, view of N rows", Footprint.rssMiB(), "MiB");
                if (options.runs("reads")) {
                    new DashboardReads(results, options).run(n, "http://localhost:" + httpPort,
                            Fixtures.customerNo(0, 0));
                }
                if (options.runs("bulk")) {
                    concurrent(producer, watcher);
                }
            }
        } finally {
            if (invoicing != null) {
                invoicing.close();
            }
            mongo.close();
            broker.close();
        }
    }

    private boolean registrations(KafkaProducer<String, SpecificRecord> producer, Admin admin,
            MongoCollection<Document> customers, MongoCollection<Document> items) throws Exception {
        long t = System.nanoTime();
        Kafka.sendAll(producer, Topics.ITEM_REGISTRATIONS, fixtures.items(),
                i -> Keys.service(i.getBusinessId(), i.getServiceId()));
        Kafka.sendAll(producer, Topics.CUSTOMER_REGISTRATIONS, fixtures.customerRegistrations(),
                c -> Keys.customer(c.getBusinessId(), c.getBookingsCustomerId()));
        // appointments only after the view consumed every registration: each then lands READY at once
        // both: the stored registrations (the group's lag alone read 0 while a few hundred were still unapplied)
        boolean consumed = Waits.until("view consumed the registrations", options.stepTimeout(), Duration.ofMillis(200),
                () -> customers.countDocuments() >= fixtures.customers()
                        && items.countDocuments() >= (long) Fixtures.BUSINESSES * Fixtures.SERVICES
                        && lag(admin, List.of(Topics.ITEM_REGISTRATIONS, Topics.CUSTOMER_REGISTRATIONS)) == 0);
        double seconds = Kafka.since(t).toNanos() / 1e9;
        int count = fixtures.customers() + Fixtures.BUSINESSES * Fixtures.SERVICES;
        results.add(n, "ingest", consumed ? "registrations to view time" : "registrations TIMEOUT", seconds, "s");
        results.add(n, "ingest", "registrations to view records/s", count / seconds, "rec/s");
        return consumed;
    }

    private boolean ingest(int round, KafkaProducer<String, SpecificRecord> producer, Admin admin,
            MongoCollection<Document> view, String scenario, MeterRegistry meters) throws Exception {
        StoreCalls before = StoreCalls.of(meters);
        long t = System.nanoTime();
        boolean complete;
        try (LagSampler lag = new LagSampler(options.out().resolve("lag.csv"), n, scenario, admin,
                view::estimatedDocumentCount)) {
            for (int i = 0; i < n; i++) {
                AppointmentCompleted a = fixtures.appointment(round, i);
                producer.send(new ProducerRecord<>(Topics.APPOINTMENTS, Keys.appointment(a.getBusinessId(),
                        a.getAppointmentId()), a));
            }
            producer.flush();
            results.add(n, scenario, "publish AppointmentCompleted time", Kafka.since(t).toNanos() / 1e9, "s");
            complete = Waits.until("view holds " + n + " rows", options.stepTimeout(), Duration.ofMillis(250),
                    () -> view.estimatedDocumentCount() >= n);
            double seconds = Kafka.since(t).toNanos() / 1e9;
            if (!complete) {
                results.add(n, scenario, "TIMEOUT: rows in view", view.estimatedDocumentCount(), "rows");
                return false;
            }
            double brokerRate = results.value(n, RawBaselines.SCENARIO, "broker records/s (slower stage)");
            results.add(n, scenario, "events to view time", seconds, "s");
            results.add(n, scenario, "events to view records/s", n / seconds, "rec/s", n / seconds / brokerRate,
                    "broker records/s");
            results.add(n, scenario, "events to view records/s (x store)", n / seconds, "rec/s",
                    n / seconds / results.value(n, RawBaselines.SCENARIO, "store insertMany docs/s"),
                    "store insertMany docs/s");
            results.add(n, scenario, "max view lag", lag.maxLag(), "records");
            StoreCalls.of(meters).report(before, results, n, scenario);
        }
        long ready = view.countDocuments(Filters.eq("status", "READY"));
        results.add(n, scenario, "READY rows", ready, "rows");
        return ready == n;
    }

    private void bulkAll(KafkaProducer<String, SpecificRecord> producer, ResultWatcher watcher) throws Exception {
        String commandId = "bench-all-" + UUID.randomUUID();
        long t = System.nanoTime();
        send(producer, command(commandId, null));
        boolean done = Waits.until("InvoiceBookings(ALL) of " + n, options.stepTimeout(), Duration.ofMillis(100),
                () -> watcher.done(commandId, fixtures.customers()));
        ResultWatcher.Outcome o = watcher.outcome(commandId);
        if (!done || o.rejection != null) {
            results.add(n, "bulk", done ? "ALL REJECTED" : "ALL TIMEOUT", Kafka.since(t).toNanos() / 1e9, "s");
            if (o.rejection != null) {
                System.err.println(o.rejection);
            }
            return;
        }
        double resultS = (o.completedAtNanos - t) / 1e9;
        double endS = (Math.max(o.completedAtNanos, o.lastInvoiceAtNanos) - t) / 1e9;
        double store = results.value(n, RawBaselines.SCENARIO, "store insert+delete time");
        results.add(n, "bulk", "ALL: CommandCompleted after", resultS, "s");
        results.add(n, "bulk", "ALL: end to end (all invoices readable)", endS, "s", endS / store,
                "store insert+delete time");
        results.add(n, "bulk", "ALL: bookings invoiced", o.bookingsInvoiced, "bookings");
        results.add(n, "bulk", "ALL: DraftInvoiceCreated read", o.invoicesRead.get(), "invoices");
        results.add(n, "bulk", "ALL: bookings/s", o.bookingsInvoiced / endS, "bookings/s",
                o.bookingsInvoiced / endS / results.value(n, RawBaselines.SCENARIO, "store insertMany docs/s"),
                "store insertMany docs/s");
        results.add(n, "bulk", "ALL: invoices/s", o.invoicesRead.get() / endS, "invoices/s");
    }

    /** 10 commands at once, each ALL narrowed to one business: disjoint customers, N bookings in total. */
    private void concurrent(KafkaProducer<String, SpecificRecord> producer, ResultWatcher watcher) throws Exception {
        List<String> ids = new ArrayList<>();
        long t = System.nanoTime();
        for (int b = 0; b < Fixtures.BUSINESSES; b++) {
            String commandId = "bench-b" + b + "-" + UUID.randomUUID();
            ids.add(commandId);
            producer.send(new ProducerRecord<>(Topics.INVOICING_COMMANDS, commandId,
                    command(commandId, Fixtures.businessId(b))));
        }
        producer.flush();
        boolean done = Waits.until("10 concurrent InvoiceBookings", options.stepTimeout(), Duration.ofMillis(100),
                () -> ids.stream().allMatch(id -> watcher.done(id, fixtures.customers() / Fixtures.BUSINESSES)));
        long last = 0;
        long bookings = 0;
        long invoices = 0;
        for (String id : ids) {
            ResultWatcher.Outcome o = watcher.outcome(id);
            last = Math.max(last, Math.max(o.completedAtNanos, o.lastInvoiceAtNanos));
            bookings += o.bookingsInvoiced;
            invoices += o.invoicesRead.get();
        }
        if (!done) {
            results.add(n, "bulk", "10x TIMEOUT: bookings invoiced", bookings, "bookings");
            return;
        }
        double endS = (last - t) / 1e9;
        double store = results.value(n, RawBaselines.SCENARIO, "store insert+delete time");
        results.add(n, "bulk", "10x concurrent: end to end", endS, "s", endS / store, "store insert+delete time");
        results.add(n, "bulk", "10x concurrent: bookings invoiced", bookings, "bookings");
        results.add(n, "bulk", "10x concurrent: bookings/s", bookings / endS, "bookings/s");
        results.add(n, "bulk", "10x concurrent: invoices/s", invoices / endS, "invoices/s");
    }

    private static InvoiceBookings command(String commandId, String businessId) {
        return InvoiceBookings.newBuilder().setCommandId(commandId).setIssuedAt(Instant.now())
                .setIssuedBy("benchmark").setScope(InvoiceScope.ALL).setBusinessId(businessId).build();
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, InvoiceBookings command) {
        producer.send(new ProducerRecord<>(Topics.INVOICING_COMMANDS, command.getCommandId(), command));
        producer.flush();
    }

    private static long lag(Admin admin, List<String> topics) {
        try {
            return Kafka.lag(admin, LagSampler.VIEW_GROUP, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
