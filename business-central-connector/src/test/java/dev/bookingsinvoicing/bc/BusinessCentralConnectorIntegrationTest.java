package dev.bookingsinvoicing.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.bookingsinvoicing.bc.export.InvoiceExporter;
import dev.bookingsinvoicing.bcsimulator.BusinessCentralSimulator;
import dev.bookingsinvoicing.events.CreditNoteLine;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.ExportOperation;
import dev.bookingsinvoicing.events.ExportedDocumentType;
import dev.bookingsinvoicing.events.InvoiceExportFailed;
import dev.bookingsinvoicing.events.InvoiceExported;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.service.testing.OperatorEndpoints;
import dev.bookingsinvoicing.service.testing.TestMongo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connector as it runs: its own main on a real in-process Kafka broker, the MongoDB wire-protocol server, and
 * the Business Central simulator over real HTTP. Each test uses its own customers and invoice ids, so they share
 * one started connector; what is expected is computed here from the events sent.
 */
class BusinessCentralConnectorIntegrationTest {

    private static final int MAX_CONCURRENT_REQUESTS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestMongo mongo;
    private static BusinessCentralSimulator bc;
    private static ConfigurableApplicationContext connector;
    private static KafkaTemplate<String, Object> producer;
    private static final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaKraftBroker(1, 4);
        kafka.afterPropertiesSet();
        mongo = new TestMongo();
        bc = BusinessCentralSimulator.start(BusinessCentralSimulator.Settings.defaults());
        connector = BusinessCentralConnectorApplication.builder().run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--spring.mongodb.uri=" + mongo.uri("business-central"),
                "--bookings.business-central.base-url=" + bc.baseUrl(),
                "--bookings.business-central.tenant-id=" + bc.settings().tenant(),
                "--bookings.business-central.environment=" + bc.settings().environment(),
                "--bookings.business-central.company-id=" + BusinessCentralSimulator.DEFAULT_COMPANY,
                "--bookings.business-central.auth=static-token",
                "--bookings.business-central.static-token=" + bc.settings().token(),
                "--bookings.business-central.max-concurrent-requests=" + MAX_CONCURRENT_REQUESTS,
                "--bookings.business-central.listener-concurrency=4",
                "--bookings.business-central.backoff-initial=100ms");
        producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class)));
    }

    @AfterAll
    static void stop() {
        producer.destroy();
        connector.close();
        bc.close();
        mongo.close();
        kafka.destroy();
    }

    // ---- what the other services would send ----

    private static String unique(String prefix) {
        return prefix + ids.incrementAndGet();
    }

    private static void send(String topic, String key, SpecificRecord value) {
        producer.send(topic, key, value).join();
    }

    private static void registerCustomer(String number, String name, String email) {
        send(Topics.CUSTOMER_REGISTRATIONS, "biz/" + number, CustomerRegistered.newBuilder().setEventId(unique("e"))
                .setOccurredAt(Instant.now()).setBusinessId("biz").setBookingsCustomerId(number).setCustomerNo(number)
                .setName(name).setEmailAddress(email).setTemplateCode("BOOKINGS").setNewCustomer(true).build());
    }

    private static void registerItem(String number, String description, String price) {
        send(Topics.ITEM_REGISTRATIONS, "biz/" + number, ItemRegistered.newBuilder().setEventId(unique("e"))
                .setOccurredAt(Instant.now()).setBusinessId("biz").setServiceId(number).setItemNo(number)
                .setDescription(description).setUnitPrice(new BigDecimal(price).setScale(2))
                .setExactUnitPrice(new BigDecimal(price).setScale(5)).setBaseUnitOfMeasure("HOUR")
                .setTemplateCode("BOOKINGS-SVC").build());
    }

    /** A line of {@code minutes} of an hourly service at {@code price}: quantity in hours, amount from the minutes. */
    private static InvoiceLine line(int lineNo, String itemNo, int minutes, String price) {
        BigDecimal unitPrice = new BigDecimal(price);
        BigDecimal quantity = BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 5, RoundingMode.HALF_UP);
        BigDecimal amount = unitPrice.multiply(BigDecimal.valueOf(minutes)).divide(BigDecimal.valueOf(60), 2,
                RoundingMode.HALF_UP);
        return InvoiceLine.newBuilder().setLineNo(lineNo).setBookingId(unique("biz/appointment-") + "/customer")
                .setBusinessId("biz").setItemNo(itemNo).setDescription(itemNo + " - 2026-11-0" + lineNo)
                .setServiceDate(Instant.parse("2026-11-01T09:00:00Z")).setQuantity(quantity.setScale(4, RoundingMode.HALF_UP))
                .setUnitPrice(unitPrice.setScale(2)).setAmount(amount).setExactQuantity(quantity)
                .setExactUnitPrice(unitPrice.setScale(5)).setExactAmount(amount.setScale(5)).setUnitOfMeasure("HOUR")
                .build();
    }

    private static DraftInvoiceCreated invoice(String customerNo, List<InvoiceLine> lines) {
        BigDecimal total = lines.stream().map(InvoiceLine::getExactAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return DraftInvoiceCreated.newBuilder().setEventId(unique("e")).setOccurredAt(Instant.now())
                .setInvoiceId(unique("DI-")).setCommandId(UUID.randomUUID().toString()).setCustomerNo(customerNo)
                .setCustomerName("Customer " + customerNo).setCurrency("EUR").setLines(lines)
                .setTotalAmount(total.setScale(2)).setExactTotalAmount(total).setCurrencyMinorUnits(2).build();
    }

    private static void publish(DraftInvoiceCreated invoice) {
        send(Topics.INVOICES, invoice.getCustomerNo(), invoice);
    }

    /** What invoicing-service writes when an operator credits one line of an invoice: that line negated. */
    private static DraftCreditNoteCreated creditNote(DraftInvoiceCreated invoice, InvoiceLine credited) {
        CreditNoteLine line = CreditNoteLine.newBuilder().setLineNo(1).setOriginalLineNo(credited.getLineNo())
                .setBookingId(credited.getBookingId()).setBusinessId(credited.getBusinessId())
                .setItemNo(credited.getItemNo()).setDescription(credited.getDescription())
                .setServiceDate(credited.getServiceDate()).setQuantity(credited.getExactQuantity().negate())
                .setUnitPrice(credited.getExactUnitPrice()).setAmount(credited.getExactAmount().negate())
                .setUnitOfMeasure(credited.getUnitOfMeasure()).build();
        return DraftCreditNoteCreated.newBuilder().setEventId(unique("e")).setOccurredAt(Instant.now())
                .setCreditNoteId(unique("CN-")).setCorrectionId(unique("correction-")).setCommandId("credit")
                .setOriginalInvoiceId(invoice.getInvoiceId()).setCustomerNo(invoice.getCustomerNo())
                .setCustomerName(invoice.getCustomerName()).setCurrency(invoice.getCurrency())
                .setCurrencyMinorUnits(2).setLines(List.of(line)).setTotalAmount(line.getAmount()).build();
    }

    private static void publish(DraftCreditNoteCreated creditNote) {
        send(Topics.INVOICES, creditNote.getCustomerNo(), creditNote);
    }

    // ---- what can be seen ----

    private static JsonNode bcInvoice(String invoiceId) {
        List<ObjectNode> found = bc.company().salesInvoices().stream()
                .filter(i -> invoiceId.equals(i.get("externalDocumentNumber").asString())).toList();
        assertThat(found).as("Business Central invoices with externalDocumentNumber %s", invoiceId).hasSize(1);
        return found.get(0);
    }

    private static List<ObjectNode> bcCreditMemos(String creditNoteId) {
        return bc.company().salesCreditMemos().stream()
                .filter(m -> creditNoteId.equals(m.get("externalDocumentNumber").asString())).toList();
    }

    private static long bcInvoices(String invoiceId) {
        return bc.company().salesInvoices().stream()
                .filter(i -> invoiceId.equals(i.get("externalDocumentNumber").asString())).count();
    }

    /** The export events of these invoices, once there are at least {@code count} of them. */
    private static List<Object> exports(List<String> invoiceIds, int count) {
        try (TopicReader reader = new TopicReader(kafka.getBrokersAsString(), Topics.BUSINESS_CENTRAL_EXPORTS)) {
            return reader.awaitRaw(records -> records.stream().filter(r -> invoiceIds.contains(r.key())).count() >= count,
                    WAIT).stream().filter(r -> invoiceIds.contains(r.key()))
                    .map(r -> (Object) dev.bookingsinvoicing.schemas.EventSchemas.get().decode(r.value())).toList();
        }
    }

    /** Each invoice's events in the order they were written (one key, one partition). */
    private static Map<String, List<Object>> byInvoice(List<Object> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e instanceof InvoiceExported x ? x.getInvoiceId()
                : ((InvoiceExportFailed) e).getInvoiceId(), java.util.LinkedHashMap::new, Collectors.toList()));
    }

    private static int status(RestClient client, String uri, String invoiceId) {
        return client.post().uri(uri, invoiceId).exchange((req, res) -> res.getStatusCode().value());
    }

    private static RestClient api(String user) {
        return RestClient.builder().baseUrl("http://localhost:"
                + ((WebServerApplicationContext) connector).getWebServer().getPort())
                .defaultHeaders(h -> h.setBasicAuth(user, user.equals("admin") ? "admin" : "dashboard")).build();
    }

    // ---- tests ----

    @Test
    void invoicesBecomeBusinessCentralDraftsWithTheirCustomersItemsLinesAndTotalsOnceEvenWhenReplayed() {
        String registered = unique("C");
        String unregistered = unique("C");
        String massage = unique("SVC");
        String sauna = unique("SVC");
        registerCustomer(registered, "Ada Lovelace", "ada@example.com");
        registerItem(massage, "Massage", "150.00");
        List<DraftInvoiceCreated> invoices = List.of(
                invoice(registered, List.of(line(1, massage, 40, "150.00"), line(2, sauna, 20, "1000.00"))),
                invoice(registered, List.of(line(1, massage, 60, "150.00"))),
                // the customer's registration has not arrived: the invoice creates it from what it names
                invoice(unregistered, List.of(line(1, sauna, 90, "80.50"), line(2, massage, 7, "150.00"))));
        invoices.forEach(BusinessCentralConnectorIntegrationTest::publish);
        List<String> invoiceIds = invoices.stream().map(DraftInvoiceCreated::getInvoiceId).toList();

        List<Object> first = exports(invoiceIds, 3);

        for (DraftInvoiceCreated invoice : invoices) {
            JsonNode inBc = bcInvoice(invoice.getInvoiceId());
            assertThat(inBc.get("customerNumber").asString()).isEqualTo(invoice.getCustomerNo());
            assertThat(inBc.get("status").asString()).isEqualTo("Draft");
            assertThat(inBc.get("totalAmountExcludingTax").decimalValue())
                    .isEqualByComparingTo(invoice.getExactTotalAmount());
            List<JsonNode> lines = new ArrayList<>();
            inBc.get("salesInvoiceLines").forEach(lines::add);
            assertThat(lines).hasSameSizeAs(invoice.getLines());
            for (int i = 0; i < lines.size(); i++) {
                InvoiceLine sent = invoice.getLines().get(i);
                assertThat(lines.get(i).get("lineType").asString()).isEqualTo("Item");
                assertThat(lines.get(i).get("lineObjectNumber").asString()).isEqualTo(sent.getItemNo());
                assertThat(lines.get(i).get("description").asString()).isEqualTo(sent.getDescription());
                assertThat(lines.get(i).get("description2").asString())
                        .isEqualTo(InvoiceExporter.bookingReference(sent.getBookingId()));
                assertThat(lines.get(i).get("quantity").decimalValue()).isEqualByComparingTo(sent.getExactQuantity());
                assertThat(lines.get(i).get("unitPrice").decimalValue()).isEqualByComparingTo(sent.getExactUnitPrice());
                assertThat(lines.get(i).get("amountExcludingTax").decimalValue())
                        .isEqualByComparingTo(sent.getExactAmount());
            }
        }
        ObjectNode ada = bc.company().customers().stream()
                .filter(c -> registered.equals(c.get("number").asString())).findFirst().orElseThrow();
        assertThat(ada.get("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(ada.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(bc.company().customers().stream().filter(c -> unregistered.equals(c.get("number").asString())))
                .singleElement().satisfies(c -> assertThat(c.get("displayName").asString())
                        .isEqualTo("Customer " + unregistered));
        assertThat(bc.company().items().stream().map(i -> i.get("number").asString())
                .filter(n -> n.equals(massage) || n.equals(sauna))).containsExactlyInAnyOrder(massage, sauna);
        assertThat(first).allSatisfy(e -> {
            InvoiceExported exported = (InvoiceExported) e;
            assertThat(exported.getAlreadyThere()).isFalse();
            assertThat(exported.getBusinessCentralNumber())
                    .isEqualTo(bcInvoice(exported.getInvoiceId()).get("number").asString());
        });

        // re-delivery or replay of the same invoices: found by externalDocumentNumber, announced again, not created
        int postsBefore = bc.requests("POST salesInvoices");
        invoices.forEach(BusinessCentralConnectorIntegrationTest::publish);
        Map<String, List<Object>> all = byInvoice(exports(invoiceIds, 6));

        assertThat(bc.requests("POST salesInvoices")).isEqualTo(postsBefore);
        invoiceIds.forEach(id -> assertThat(bcInvoices(id)).isOne());
        assertThat(all.values()).allSatisfy(events -> {
            assertThat(events).hasSize(2);
            InvoiceExported created = (InvoiceExported) events.get(0);
            InvoiceExported again = (InvoiceExported) events.get(1);
            assertThat(again.getAlreadyThere()).isTrue();
            assertThat(again.getBusinessCentralId()).isEqualTo(created.getBusinessCentralId());
            assertThat(again.getEventId()).isEqualTo(created.getEventId());
        });
    }

    @Test
    void aStormOf429IsWaitedOutWithinTheConcurrencyLimitAndEveryInvoiceArrivesOnce() {
        String item = unique("SVC");
        List<DraftInvoiceCreated> invoices = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            invoices.add(invoice(unique("C"), List.of(line(1, item, 60, "99.99"))));
        }
        int throttledBefore = bc.throttledAnswers();
        bc.throttle(12, Duration.ofSeconds(1));
        invoices.forEach(BusinessCentralConnectorIntegrationTest::publish);

        exports(invoices.stream().map(DraftInvoiceCreated::getInvoiceId).toList(), invoices.size());

        invoices.forEach(invoice -> assertThat(bcInvoices(invoice.getInvoiceId())).isOne());
        assertThat(bc.throttledAnswers() - throttledBefore).isGreaterThanOrEqualTo(12);
        assertThat(bc.maxConcurrentRequests()).isLessThanOrEqualTo(MAX_CONCURRENT_REQUESTS);
        assertThat(bc.requestsDuringCoolOff()).as("requests sent before a Retry-After had passed").isZero();
    }

    @Test
    void anInvoiceBusinessCentralRefusesIsParkedWithItsMessageWithoutBlockingTheTopicAndRetriedOnceFixed() {
        String blocked = unique("C");
        String other = unique("C");
        String item = unique("SVC");
        registerCustomer(blocked, "Blocked Customer", "blocked@example.com");
        await().atMost(WAIT).until(() -> bc.company().customers().stream()
                .anyMatch(c -> blocked.equals(c.get("number").asString())));
        bc.company().block(blocked, "Invoice");
        DraftInvoiceCreated refused = invoice(blocked, List.of(line(1, item, 60, "50.00")));
        DraftInvoiceCreated next = invoice(other, List.of(line(1, item, 60, "50.00")));
        publish(refused);
        publish(next);

        List<Object> events = exports(List.of(refused.getInvoiceId(), next.getInvoiceId()), 2);

        InvoiceExportFailed failed = events.stream().filter(InvoiceExportFailed.class::isInstance)
                .map(InvoiceExportFailed.class::cast).findFirst().orElseThrow();
        assertThat(failed.getInvoiceId()).isEqualTo(refused.getInvoiceId());
        assertThat(failed.getParked()).isTrue();
        assertThat(failed.getOperation()).isEqualTo(ExportOperation.EXPORT);
        assertThat(failed.getHttpStatus()).isEqualTo(400);
        assertThat(failed.getReason()).contains("Customer " + blocked + " is blocked with type Invoice");
        assertThat(bcInvoices(next.getInvoiceId())).isOne();
        assertThat(bcInvoices(refused.getInvoiceId())).isZero();
        List<Map<String, Object>> parked = api("dashboard").get().uri("/api/parked-exports").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(parked).anySatisfy(p -> {
            assertThat(p.get("invoiceId")).isEqualTo(refused.getInvoiceId());
            assertThat((String) p.get("reason")).contains("is blocked with type Invoice");
        });
        // still blocked: the retry is refused again with Business Central's message
        assertThat(status(api("admin"), "/api/parked-exports/{id}/retry", refused.getInvoiceId())).isEqualTo(409);
        assertThat(status(api("dashboard"), "/api/parked-exports/{id}/retry", refused.getInvoiceId())).isEqualTo(403);

        bc.company().block(blocked, " ");
        Map<String, Object> retried = api("admin").post().uri("/api/parked-exports/{id}/retry", refused.getInvoiceId())
                .retrieve().body(new ParameterizedTypeReference<>() { });

        assertThat(retried.get("number")).isEqualTo(bcInvoice(refused.getInvoiceId()).get("number").asString());
        // the refusal, the refused retry (the same failure: the same event), the export
        assertThat(exports(List.of(refused.getInvoiceId()), 3)).last().isInstanceOf(InvoiceExported.class);
        assertThat(api("dashboard").get().uri("/api/parked-exports").retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { }))
                .noneSatisfy(p -> assertThat(p.get("invoiceId")).isEqualTo(refused.getInvoiceId()));
    }

    @Test
    void operatorsSeeTheExportsInTheScrapeTheBuildInInfoAndEveryApiEndpointInTheOpenApiDocument() {
        OperatorEndpoints endpoints = new OperatorEndpoints(((WebServerApplicationContext) connector).getWebServer()
                .getPort(), "dashboard", "dashboard");
        String customer = unique("C");
        DraftInvoiceCreated invoice = invoice(customer, List.of(line(1, unique("SVC"), 60, "10.00")));
        publish(invoice);
        exports(List.of(invoice.getInvoiceId()), 1);

        assertThat(endpoints.anonymousStatus("/actuator/health/readiness")).isEqualTo(200);
        assertThat(endpoints.prometheus()).contains("bookings_business_central_exports_total{outcome=\"exported\"}");
        endpoints.assertInfoShowsBuildAndCommit("0.1.0-SNAPSHOT");
        endpoints.assertDocumentsEveryApiEndpoint(connector.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class));
    }

    @Test
    void aDeletedDraftIsDeletedInBusinessCentralOnlyWhileItIsStillADraftThere() {
        String customer = unique("C");
        String item = unique("SVC");
        DraftInvoiceCreated draft = invoice(customer, List.of(line(1, item, 60, "10.00")));
        DraftInvoiceCreated released = invoice(customer, List.of(line(1, item, 30, "10.00")));
        publish(draft);
        publish(released);
        exports(List.of(draft.getInvoiceId(), released.getInvoiceId()), 2);
        bc.company().setInvoiceStatus(released.getInvoiceId(), "Open");

        for (DraftInvoiceCreated invoice : List.of(draft, released)) {
            send(Topics.INVOICES, customer, DraftInvoiceDeleted.newBuilder().setEventId(unique("e"))
                    .setOccurredAt(Instant.now()).setInvoiceId(invoice.getInvoiceId()).setCommandId("delete")
                    .setCustomerNo(customer).setBookingIds(List.of()).build());
        }
        Map<String, List<Object>> events = byInvoice(exports(List.of(draft.getInvoiceId(), released.getInvoiceId()), 4));

        assertThat(bcInvoices(draft.getInvoiceId())).isZero();
        assertThat(bcInvoice(released.getInvoiceId()).get("status").asString()).isEqualTo("Open");
        assertThat(events.get(draft.getInvoiceId())).last().isInstanceOfSatisfying(InvoiceExported.class,
                deleted -> assertThat(deleted.getDeleted()).isTrue());
        assertThat(events.get(released.getInvoiceId())).last().isInstanceOfSatisfying(InvoiceExportFailed.class,
                failed -> {
                    assertThat(failed.getOperation()).isEqualTo(ExportOperation.DELETE);
                    assertThat(failed.getParked()).isFalse();
                    assertThat(failed.getReason()).contains("has status Open");
                });
    }

    @Test
    void aCreditNoteBecomesOneCreditMemoOfTheCreditedLineAppliedToItsExportedInvoiceEvenWhenRedelivered() {
        String customer = unique("C");
        String massage = unique("SVC");
        registerItem(massage, "Massage", "150.00");
        DraftInvoiceCreated invoice = invoice(customer, List.of(line(1, massage, 60, "150.00"),
                line(2, massage, 40, "150.00")));
        publish(invoice);
        exports(List.of(invoice.getInvoiceId()), 1);
        InvoiceLine credited = invoice.getLines().get(1);
        DraftCreditNoteCreated creditNote = creditNote(invoice, credited);
        // the invoice it corrects never reached Business Central: the credit memo applies to none
        DraftInvoiceCreated neverExported = invoice(customer, List.of(line(1, massage, 30, "150.00")));
        DraftCreditNoteCreated unapplied = creditNote(neverExported, neverExported.getLines().get(0));
        publish(creditNote);
        publish(unapplied);

        List<String> ids = List.of(creditNote.getCreditNoteId(), unapplied.getCreditNoteId());
        Map<String, List<Object>> first = byInvoice(exports(ids, 2));

        JsonNode bcOriginal = bcInvoice(invoice.getInvoiceId());
        assertThat(bcCreditMemos(creditNote.getCreditNoteId())).singleElement().satisfies(memo -> {
            assertThat(memo.get("customerNumber").asString()).isEqualTo(customer);
            assertThat(memo.get("status").asString()).isEqualTo("Draft");
            assertThat(memo.get("invoiceId").asString()).isEqualTo(bcOriginal.get("id").asString());
            assertThat(memo.get("invoiceNumber").asString()).isEqualTo(bcOriginal.get("number").asString());
            assertThat(memo.get("salesCreditMemoLines")).singleElement().satisfies(line -> {
                assertThat(line.get("lineObjectNumber").asString()).isEqualTo(massage);
                assertThat(line.get("description2").asString())
                        .isEqualTo(InvoiceExporter.bookingReference(credited.getBookingId()));
                assertThat(line.get("quantity").decimalValue()).isPositive()
                        .isEqualByComparingTo(credited.getExactQuantity());
                assertThat(line.get("unitPrice").decimalValue()).isEqualByComparingTo(credited.getExactUnitPrice());
                assertThat(line.get("amountExcludingTax").decimalValue())
                        .isEqualByComparingTo(credited.getExactAmount());
            });
            assertThat(memo.get("totalAmountExcludingTax").decimalValue())
                    .isEqualByComparingTo(creditNote.getTotalAmount().negate());
        });
        assertThat(bcCreditMemos(unapplied.getCreditNoteId())).singleElement()
                .satisfies(memo -> assertThat(memo.get("invoiceNumber").asString()).isEmpty());
        assertThat(first.get(creditNote.getCreditNoteId())).singleElement()
                .isInstanceOfSatisfying(InvoiceExported.class, exported -> {
                    assertThat(exported.getDocumentType()).isEqualTo(ExportedDocumentType.CREDIT_MEMO);
                    assertThat(exported.getCustomerNo()).isEqualTo(customer);
                    assertThat(exported.getAlreadyThere()).isFalse();
                    assertThat(exported.getBusinessCentralNumber()).isEqualTo(
                            bcCreditMemos(creditNote.getCreditNoteId()).get(0).get("number").asString());
                });

        // re-delivery or replay: found by externalDocumentNumber, announced again with the same id, not created
        int postsBefore = bc.requests("POST salesCreditMemos");
        publish(creditNote);
        publish(unapplied);
        Map<String, List<Object>> all = byInvoice(exports(ids, 4));

        assertThat(bc.requests("POST salesCreditMemos")).isEqualTo(postsBefore);
        ids.forEach(id -> assertThat(bcCreditMemos(id)).hasSize(1));
        assertThat(all.values()).allSatisfy(events -> {
            assertThat(events).hasSize(2);
            InvoiceExported created = (InvoiceExported) events.get(0);
            InvoiceExported again = (InvoiceExported) events.get(1);
            assertThat(again.getAlreadyThere()).isTrue();
            assertThat(again.getDocumentType()).isEqualTo(ExportedDocumentType.CREDIT_MEMO);
            assertThat(again.getEventId()).isEqualTo(created.getEventId());
        });
    }

    @Test
    void aCreditNoteBusinessCentralRefusesIsParkedAsACreditMemoAndRetriedOnceFixed() {
        String blocked = unique("C");
        String item = unique("SVC");
        registerCustomer(blocked, "Blocked Later", "later@example.com");
        DraftInvoiceCreated invoice = invoice(blocked, List.of(line(1, item, 60, "70.00")));
        publish(invoice);
        exports(List.of(invoice.getInvoiceId()), 1);
        bc.company().block(blocked, "Invoice");
        DraftCreditNoteCreated creditNote = creditNote(invoice, invoice.getLines().get(0));
        publish(creditNote);

        InvoiceExportFailed failed = (InvoiceExportFailed) exports(List.of(creditNote.getCreditNoteId()), 1).get(0);

        assertThat(failed.getDocumentType()).isEqualTo(ExportedDocumentType.CREDIT_MEMO);
        assertThat(failed.getParked()).isTrue();
        assertThat(failed.getReason()).contains("Customer " + blocked + " is blocked with type Invoice");
        assertThat(bcCreditMemos(creditNote.getCreditNoteId())).isEmpty();
        assertThat(api("dashboard").get().uri("/api/parked-exports").retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { })).anySatisfy(p -> {
                    assertThat(p.get("invoiceId")).isEqualTo(creditNote.getCreditNoteId());
                    assertThat(p.get("documentType")).isEqualTo("CREDIT_MEMO");
                });

        bc.company().block(blocked, " ");
        Map<String, Object> retried = api("admin").post()
                .uri("/api/parked-exports/{id}/retry", creditNote.getCreditNoteId()).retrieve()
                .body(new ParameterizedTypeReference<>() { });

        assertThat(bcCreditMemos(creditNote.getCreditNoteId())).singleElement().satisfies(memo ->
                assertThat(retried.get("number")).isEqualTo(memo.get("number").asString()));
        assertThat(exports(List.of(creditNote.getCreditNoteId()), 2)).last()
                .isInstanceOfSatisfying(InvoiceExported.class,
                        exported -> assertThat(exported.getDocumentType()).isEqualTo(ExportedDocumentType.CREDIT_MEMO));
    }
}
