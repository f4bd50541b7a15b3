package dev.bookingsinvoicing.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.sun.net.httpserver.HttpServer;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.Attendee;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.PriceType;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.service.testing.OperatorEndpoints;

/**
 * What operators see of the service besides its API and page, against the real service, the embedded broker and the
 * embedded MongoDB server: a command's trace carries on to the invoices and the result it publishes and is exported to
 * the OTLP endpoint set here, Prometheus metrics, build and commit info, the OpenAPI document.
 */
@InvoicingServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIntegrationTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    /** W3C trace context of the caller that sends the command: version 00, trace id, its span id, sampled. */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    /** An OTLP/HTTP endpoint, as a collector has one: it keeps the bodies of the spans posted to it. */
    private static final List<byte[]> EXPORTED = new CopyOnWriteArrayList<>();
    private static final HttpServer COLLECTOR = collector();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedMongo.database(registry, "invoicing-observability");
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://localhost:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop(0);
    }

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @LocalServerPort
    int port;

    /** First: its first scrape is the one that counts the view (the gauge keeps a count 30 s). */
    @Test
    @Order(1)
    void aCommandsTraceCarriesOnToItsInvoicesAndItsResultAndTheMetersSayWhatHappened() {
        RestClient viewer = client("viewer", "viewer");
        DefaultKafkaProducerFactory<String, SpecificRecord> factory = new DefaultKafkaProducerFactory<>(
                KafkaTestUtils.producerProps(broker), new StringSerializer(), new AvroSerializer());
        try (TopicReader invoices = new TopicReader(broker.getBrokersAsString(), Topics.INVOICES);
                TopicReader results = new TopicReader(broker.getBrokersAsString(), Topics.COMMAND_RESULTS)) {
            KafkaTemplate<String, SpecificRecord> producer = new KafkaTemplate<>(factory);
            // Given one ready booking: a registered customer, a registered item, a completed appointment
            producer.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer("gym", "c1"), new CustomerRegistered(
                    "reg-c1", MONDAY, "gym", "c1", "C00010", "Ann Smith", "c1@example.com", "BOOKINGS", true, null,
                    null, null)).join();
            producer.send(Topics.ITEM_REGISTRATIONS, Keys.service("gym", "s1"), new ItemRegistered("item-s1", MONDAY,
                    "gym", "s1", "I-PT", "Personal training", null, "HOUR", "SERVICES", null, null, null)).join();
            producer.send(Topics.APPOINTMENTS, Keys.appointment("gym", "a1"), AppointmentCompleted.newBuilder()
                    .setEventId("appt-a1").setOccurredAt(MONDAY).setBusinessId("gym").setAppointmentId("a1")
                    .setRevision("r1").setServiceId("s1").setServiceName("Personal training").setStart(MONDAY)
                    .setEnd(MONDAY.plus(Duration.ofHours(1))).setPriceType(PriceType.fixedPrice)
                    .setPrice(new BigDecimal("50.00")).setCurrency("EUR")
                    .setAttendees(List.of(new Attendee("c1", "Ann Smith", "c1@example.com", null))).build()).join();
            // and a record on the appointments topic that is no event at all
            new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                    new StringSerializer(), new ByteArraySerializer()))
                    .send(Topics.APPOINTMENTS, "garbage", "not an event".getBytes(StandardCharsets.UTF_8)).join();
            await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) viewer.get()
                    .uri("/api/bookings-not-invoiced?status=READY").retrieve().body(Map.class).get("totalElements"))
                    .intValue() == 1);
            // the view's rows by status, counted by this first scrape
            assertThat(prometheus()).contains("bookings_view_rows{status=\"READY\"} 1.0",
                    "bookings_view_rows{status=\"NEEDS_PRICE\"} 0.0");

            // When a caller that is in a trace sends InvoiceBookings
            InvoiceBookings command = InvoiceBookings.newBuilder().setCommandId("cmd-traced").setIssuedAt(MONDAY)
                    .setIssuedBy("test").setScope(InvoiceScope.ALL).setBookingIds(List.of()).build();
            ProducerRecord<String, SpecificRecord> traced = new ProducerRecord<>(Topics.INVOICING_COMMANDS,
                    "cmd-traced", command);
            traced.headers().add("traceparent",
                    ("00-" + TRACE_ID + "-" + CALLER_SPAN + "-01").getBytes(StandardCharsets.UTF_8));
            producer.send(traced).join();

            // Then the draft invoice and the command's result carry the caller's trace on, each from a span of its own
            ConsumerRecord<String, byte[]> invoice = invoices.awaitRaw(r -> !r.isEmpty(), Duration.ofSeconds(60))
                    .get(0);
            ConsumerRecord<String, byte[]> result = results.awaitRaw(r -> !r.isEmpty(), Duration.ofSeconds(60))
                    .get(0);
            assertThat(EventSchemas.get().decode(invoice.value()).getSchema().getName())
                    .isEqualTo("DraftInvoiceCreated");
            for (ConsumerRecord<String, byte[]> answer : List.of(invoice, result)) {
                String[] traceparent = traceparent(answer).split("-");
                assertThat(traceparent[1]).as("trace id of %s", answer.topic()).isEqualTo(TRACE_ID);
                assertThat(traceparent[2]).as("span id of %s", answer.topic()).isNotEqualTo(CALLER_SPAN);
            }
            // and, with an OTLP endpoint set, the trace's spans reach it (OTLP protobuf: the trace id's 16 bytes)
            byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
            await().atMost(Duration.ofSeconds(30)).until(() -> EXPORTED.stream()
                    .anyMatch(body -> indexOf(body, traceId) >= 0));
        } finally {
            factory.destroy();
        }

        // and Prometheus shows the command by outcome, the dead letter by topic, the view's consumer lag
        await().atMost(Duration.ofSeconds(10)).until(() -> prometheus()
                .contains("bookings_kafka_dead_letters_total{topic=\"bookings.appointments\"} 1.0"));
        assertThat(prometheus()).contains("bookings_commands_total{outcome=\"COMPLETED\",type=\"InvoiceBookings\"} 1.0",
                "kafka_consumer_fetch_manager_records_lag_max{", "http_server_requests_seconds_count{");
    }

    @Test
    @Order(2)
    void prometheusAndTheOpenApiDocumentNeedAUserHealthAndInfoStayOpen() {
        assertThat(endpoints().anonymousStatus("/actuator/health/readiness")).isEqualTo(200);
        assertThat(endpoints().prometheus()).contains("jvm_memory_used_bytes");
        endpoints().assertInfoShowsBuildAndCommit("0.1.0-SNAPSHOT");
        endpoints().assertDocumentsEveryApiEndpoint(mappings);
    }

    private String prometheus() {
        return endpoints().prometheus();
    }

    private OperatorEndpoints endpoints() {
        return new OperatorEndpoints(port, "viewer", "viewer");
    }

    private RestClient client(String user, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(user, password)).build();
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                EXPORTED.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header of the record on %s", record.topic()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
