package dev.bookingsinvoicing.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bookingsinvoicing.bc.BusinessCentralConnectorApplication;
import dev.bookingsinvoicing.bcsimulator.BusinessCentralSimulator;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.localstack.FreePorts;
import dev.bookingsinvoicing.localstack.LocalKafkaBroker;
import dev.bookingsinvoicing.localstack.LocalMongoServer;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * The Business Central export: N draft invoices (3 lines of 3 items, 50 customers, all already in Business Central)
 * exported by the connector to the simulator answering every request after {@value #LATENCY_MS} ms, against the
 * simulator's own floor, the same requests per invoice (look up the customer, each item and the invoice, then POST it
 * with its lines) sent by a plain HTTP client with the same concurrency. Business Central's rate limit is lifted for
 * the run: it is a policy, not the connector's cost.
 */
final class ExportBenchmark {

    static final int LATENCY_MS = 20;
    private static final int CONCURRENCY = 4;
    private static final int CUSTOMERS = 50;
    private static final List<String> ITEMS = List.of("SVC0010", "SVC0020", "SVC0030");

    private final Results results;
    private final BenchmarkOptions options;
    private final int size;
    private final int invoices;

    ExportBenchmark(Results results, BenchmarkOptions options, int size) {
        this.results = results;
        this.options = options;
        this.size = size;
        this.invoices = Math.max(100, Math.min(5_000, size / 10));
    }

    void run(Path dir) throws Exception {
        List<DraftInvoiceCreated> drafts = new ArrayList<>();
        for (int i = 0; i < invoices; i++) {
            drafts.add(invoice(i));
        }
        double floor = floor(drafts);
        double connector = connector(dir, drafts);
        results.add(size, "export", "invoices exported", invoices, "");
        results.add(size, "export", "simulated Business Central latency per request", LATENCY_MS, "ms");
        results.add(size, "export", "simulator floor (plain HTTP, same requests) invoices/s", floor, "1/s");
        results.add(size, "export", "connector invoices/s", connector, "1/s", connector / floor,
                "simulator floor (plain HTTP, same requests) invoices/s");
        // per invoice and request slot: what the connector adds to Business Central's own time
        results.add(size, "export", "connector overhead per invoice",
                (CONCURRENCY / connector - CONCURRENCY / floor) * 1000, "ms");
    }

    private static BusinessCentralSimulator simulator() throws Exception {
        BusinessCentralSimulator bc = BusinessCentralSimulator.start(BusinessCentralSimulator.Settings.defaults()
                .withLatency(Duration.ofMillis(LATENCY_MS)));
        // the customers and items are in Business Central already, put there through its API
        PlainClient client = new PlainClient(bc);
        for (int c = 0; c < CUSTOMERS; c++) {
            client.post("customers", "{\"number\":\"" + customer(c) + "\",\"displayName\":\"Customer " + c + "\"}");
        }
        for (String item : ITEMS) {
            client.post("items", "{\"number\":\"" + item + "\",\"displayName\":\"" + item + "\",\"type\":\"Service\"}");
        }
        return bc;
    }

    /** The same requests as the connector's, one invoice per task, {@value #CONCURRENCY} at a time. */
    private double floor(List<DraftInvoiceCreated> drafts) throws Exception {
        try (BusinessCentralSimulator bc = simulator()) {
            PlainClient client = new PlainClient(bc);
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            long start = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (DraftInvoiceCreated draft : drafts) {
                    done.add(pool.submit(() -> {
                        client.get("customers", "number eq '" + draft.getCustomerNo() + "'");
                        ITEMS.forEach(item -> client.get("items", "number eq '" + item + "'"));
                        client.get("salesInvoices", "externalDocumentNumber eq '" + draft.getInvoiceId() + "'");
                        client.post("salesInvoices", salesInvoice(draft));
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            return drafts.size() / (Kafka.since(start).toNanos() / 1e9);
        }
    }

    /** Invoices/s between the first and the last InvoiceExported (start-up and group join left out). */
    private double connector(Path dir, List<DraftInvoiceCreated> drafts) throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir.resolve("kafka"), FreePorts.next(), FreePorts.next(),
                options.partitions());
                LocalMongoServer mongo = LocalMongoServer.start(LocalMongoServer.Backend.MEMORY, dir, FreePorts.next());
                BusinessCentralSimulator bc = simulator();
                KafkaProducer<String, SpecificRecord> producer = Kafka.eventProducer(broker.bootstrapServers());
                Admin admin = Kafka.admin(broker.bootstrapServers())) {
            Kafka.sendAll(producer, Topics.INVOICES, drafts, DraftInvoiceCreated::getCustomerNo);
            try (ConfigurableApplicationContext connector = BusinessCentralConnectorApplication.builder().run(
                    "--server.port=0", "--spring.main.banner-mode=off",
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--spring.mongodb.uri=" + mongo.uri("business-central"),
                    "--management.health.mongodb.enabled=false",
                    "--bookings.kafka.topics.partitions=" + options.partitions(),
                    "--bookings.business-central.base-url=" + bc.baseUrl(),
                    "--bookings.business-central.tenant-id=" + bc.settings().tenant(),
                    "--bookings.business-central.environment=" + bc.settings().environment(),
                    "--bookings.business-central.company-id=" + BusinessCentralSimulator.DEFAULT_COMPANY,
                    "--bookings.business-central.auth=static-token",
                    "--bookings.business-central.static-token=" + bc.settings().token(),
                    "--bookings.business-central.max-concurrent-requests=" + CONCURRENCY,
                    "--bookings.business-central.listener-concurrency=" + CONCURRENCY,
                    "--bookings.business-central.requests-per-window=100000000",
                    "--bookings.business-central.window=1s")) {
                Waits.until("the first InvoiceExported", options.stepTimeout(), Duration.ofMillis(5),
                        () -> exported(admin) >= 1);
                long first = System.nanoTime();
                if (!Waits.until("all " + drafts.size() + " invoices exported", options.stepTimeout(),
                        Duration.ofMillis(20), () -> exported(admin) >= drafts.size())) {
                    results.add(size, "export", "TIMEOUT: exported " + exported(admin) + " of " + drafts.size(),
                            Double.NaN, "");
                    return Double.NaN;
                }
                return (drafts.size() - 1) / (Kafka.since(first).toNanos() / 1e9);
            }
        }
    }

    private static long exported(Admin admin) {
        try {
            return Kafka.sum(Kafka.endOffsets(admin, List.of(Topics.BUSINESS_CENTRAL_EXPORTS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (IllegalStateException notYetCreated) {
            return 0;
        }
    }

    private static String customer(int c) {
        return String.format("C%05d", (c + 1) * 10);
    }

    private static DraftInvoiceCreated invoice(int i) {
        List<InvoiceLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int l = 0; l < ITEMS.size(); l++) {
            BigDecimal price = BigDecimal.valueOf(50 + l * 25).setScale(2);
            total = total.add(price);
            lines.add(InvoiceLine.newBuilder().setLineNo(l + 1).setBookingId("biz/appointment-" + i + "-" + l + "/c")
                    .setBusinessId("biz").setItemNo(ITEMS.get(l)).setDescription(ITEMS.get(l) + " - 2026-11-02")
                    .setServiceDate(Instant.parse("2026-11-02T09:00:00Z")).setQuantity(BigDecimal.ONE.setScale(4))
                    .setUnitPrice(price).setAmount(price).setExactQuantity(BigDecimal.ONE.setScale(5))
                    .setExactUnitPrice(price.setScale(5)).setExactAmount(price.setScale(5)).setUnitOfMeasure("HOUR")
                    .build());
        }
        return DraftInvoiceCreated.newBuilder().setEventId("export-bench-" + i).setOccurredAt(Instant.now())
                .setInvoiceId(String.format("DI-bench%08d", i)).setCommandId("export-bench")
                .setCustomerNo(customer(i % CUSTOMERS)).setCustomerName("Customer " + (i % CUSTOMERS))
                .setCurrency("EUR").setLines(lines).setTotalAmount(total).setExactTotalAmount(total.setScale(5))
                .setCurrencyMinorUnits(2).build();
    }

    /** The body the connector posts: header and lines inline. */
    private static String salesInvoice(DraftInvoiceCreated draft) {
        StringBuilder json = new StringBuilder("{\"externalDocumentNumber\":\"" + draft.getInvoiceId()
                + "\",\"invoiceDate\":\"2026-11-02\",\"customerNumber\":\"" + draft.getCustomerNo()
                + "\",\"currencyCode\":\"EUR\",\"salesInvoiceLines\":[");
        for (int l = 0; l < draft.getLines().size(); l++) {
            InvoiceLine line = draft.getLines().get(l);
            json.append(l == 0 ? "" : ",").append("{\"lineType\":\"Item\",\"lineObjectNumber\":\"")
                    .append(line.getItemNo()).append("\",\"description\":\"").append(line.getDescription())
                    .append("\",\"unitOfMeasureCode\":\"HOUR\",\"quantity\":").append(line.getExactQuantity())
                    .append(",\"unitPrice\":").append(line.getExactUnitPrice()).append('}');
        }
        return json.append("]}").toString();
    }

    /** A plain JDK HTTP client of the simulator: the floor's requests. */
    private static final class PlainClient {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String company;
        private final String token;

        PlainClient(BusinessCentralSimulator bc) {
            this.company = bc.baseUrl() + "/v2.0/" + bc.settings().tenant() + "/" + bc.settings().environment()
                    + "/api/v2.0/companies(" + BusinessCentralSimulator.DEFAULT_COMPANY + ")/";
            this.token = bc.settings().token();
        }

        void get(String set, String filter) {
            send(HttpRequest.newBuilder(URI.create(company + set + "?$filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"))).GET());
        }

        void post(String set, String json) {
            send(HttpRequest.newBuilder(URI.create(company + set)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private void send(HttpRequest.Builder request) {
            try {
                HttpResponse<byte[]> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException("simulator answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
