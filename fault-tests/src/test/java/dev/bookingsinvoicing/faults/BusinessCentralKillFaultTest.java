package dev.bookingsinvoicing.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import dev.bookingsinvoicing.bcsimulator.BusinessCentralSimulator;
import dev.bookingsinvoicing.events.CreditNoteLine;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceExported;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.kafka.testing.TopicReader;
import dev.bookingsinvoicing.schemas.EventSchemas;
import dev.bookingsinvoicing.schemas.Topics;
import dev.bookingsinvoicing.serde.AvroSerializer;
import dev.bookingsinvoicing.service.testing.TestMongo;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Business Central connector, a separate process, is SIGKILLed right after Business Central answered the POST of
 * a sales invoice or a sales credit memo, before it could announce the export or commit the document's offset, again
 * and again: 5 times in the CI size, 20 with {@code -Dfaults.size=full}. The documents alternate, an invoice and then
 * the credit note of its line, so every second kill falls right after a credit memo. Each restart is handed the same
 * document again: Business Central must hold every invoice and every credit memo exactly once, each credit memo
 * applied to the invoice it corrects, and every document must end up announced as exported.
 */
class BusinessCentralKillFaultTest {

    private static final int KILLS = FaultSize.current().connectorKills();
    private static final Path LOGS = Path.of(System.getProperty("java.io.tmpdir"), "bc-kill");

    @Test
    void killedBetweenBusinessCentralsAnswerAndTheOffsetCommitAgainAndAgainNoDocumentIsInBusinessCentralTwice() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        // a SIGKILLed consumer is only dropped from its group when its session times out: 1 s instead of the
        // broker's minimum of 6 s keeps each start short
        kafka.brokerProperty("group.min.session.timeout.ms", "1000");
        kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
        kafka.afterPropertiesSet();
        TestMongo mongo = new TestMongo();
        AtomicReference<ChildJvm> connector = new AtomicReference<>();
        AtomicInteger kills = new AtomicInteger();
        try (BusinessCentralSimulator bc = BusinessCentralSimulator.start(BusinessCentralSimulator.Settings.defaults())) {
            // one document per kill: invoice 1, the credit note of invoice 1, invoice 2, ...
            List<DraftInvoiceCreated> invoices = new ArrayList<>();
            List<DraftCreditNoteCreated> creditNotes = new ArrayList<>();
            List<SpecificRecord> documents = new ArrayList<>();
            for (int d = 1; d <= KILLS; d++) {
                if (d % 2 == 1) {
                    invoices.add(invoice(invoices.size() + 1));
                    documents.add(invoices.get(invoices.size() - 1));
                } else {
                    creditNotes.add(creditNote(invoices.get(invoices.size() - 1)));
                    documents.add(creditNotes.get(creditNotes.size() - 1));
                }
            }
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
                    new StringSerializer(), new AvroSerializer())) {
                // one partition, one customer: the connector takes the documents one after another
                documents.forEach(document -> producer.send(new ProducerRecord<>(Topics.INVOICES, "C00010", document)));
            }
            // the simulator kills the connector as soon as it has answered a POST (until it was killed KILLS times)
            AtomicInteger creditMemoKills = new AtomicInteger();
            bc.afterSalesDocumentCreated(created -> {
                if (kills.get() < KILLS) {
                    connector.get().kill();
                    kills.incrementAndGet();
                    if (created.has("creditMemoDate")) {
                        creditMemoKills.incrementAndGet();
                    }
                }
            });

            int starts = 0;
            while (kills.get() < KILLS) {
                int killsBefore = kills.get();
                connector.set(start(kafka, mongo, bc, ++starts));
                int start = starts;
                await("kill " + (killsBefore + 1) + " (start " + start + ")").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(100)).until(() -> kills.get() > killsBefore);
            }
            connector.set(start(kafka, mongo, bc, ++starts));

            List<String> invoiceIds = invoices.stream().map(DraftInvoiceCreated::getInvoiceId).toList();
            List<String> creditNoteIds = creditNotes.stream().map(DraftCreditNoteCreated::getCreditNoteId).toList();
            List<String> ids = new ArrayList<>(invoiceIds);
            ids.addAll(creditNoteIds);
            try (TopicReader reader = new TopicReader(kafka.getBrokersAsString(), Topics.BUSINESS_CENTRAL_EXPORTS)) {
                Map<String, Long> exported = reader.awaitRaw(records -> records.stream().map(r -> r.key())
                        .collect(Collectors.toSet()).containsAll(ids), Duration.ofMinutes(2)).stream()
                        .map(r -> (InvoiceExported) EventSchemas.get().decode(r.value()))
                        .collect(Collectors.groupingBy(InvoiceExported::getInvoiceId, Collectors.counting()));
                assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            }
            assertThat(perExternalNumber(bc.company().salesInvoices()))
                    .as("Business Central invoices per externalDocumentNumber").isEqualTo(once(invoiceIds));
            assertThat(perExternalNumber(bc.company().salesCreditMemos()))
                    .as("Business Central credit memos per externalDocumentNumber").isEqualTo(once(creditNoteIds));
            Map<String, String> bcInvoiceIds = bc.company().salesInvoices().stream().collect(Collectors.toMap(
                    i -> i.get("externalDocumentNumber").asString(), i -> i.get("id").asString()));
            Map<String, String> originals = creditNotes.stream().collect(Collectors.toMap(
                    DraftCreditNoteCreated::getCreditNoteId, note -> bcInvoiceIds.get(note.getOriginalInvoiceId())));
            assertThat(bc.company().salesCreditMemos().stream().collect(Collectors.toMap(
                    m -> m.get("externalDocumentNumber").asString(), m -> m.get("invoiceId").asString())))
                    .as("each credit memo applied to the invoice it corrects").isEqualTo(originals);
            assertThat(kills.get()).isEqualTo(KILLS);
            assertThat(creditMemoKills.get()).as("kills right after a credit memo").isEqualTo(creditNotes.size());
            assertThat(bc.requests("POST salesInvoices")).as("one POST per invoice, each answered")
                    .isEqualTo(invoices.size());
            assertThat(bc.requests("POST salesCreditMemos")).as("one POST per credit note, each answered")
                    .isEqualTo(creditNotes.size());
        } finally {
            if (connector.get() != null) {
                connector.get().close();
            }
            mongo.close();
            kafka.destroy();
        }
    }

    private static Map<String, Long> perExternalNumber(List<ObjectNode> documents) {
        return documents.stream().collect(Collectors.groupingBy(d -> d.get("externalDocumentNumber").asString(),
                Collectors.counting()));
    }

    private static Map<String, Long> once(List<String> ids) {
        return ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L));
    }

    private static ChildJvm start(EmbeddedKafkaKraftBroker kafka, TestMongo mongo, BusinessCentralSimulator bc, int n) {
        // C1 only and the serial collector: a faster start-up on a 2-core machine, where each restart costs seconds
        List<String> jvmOptions = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        List<String> args = List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--spring.kafka.consumer.properties.session.timeout.ms=1000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=300",
                "--spring.mongodb.uri=" + mongo.uri("business-central"),
                "--bookings.business-central.base-url=" + bc.baseUrl(),
                "--bookings.business-central.tenant-id=" + bc.settings().tenant(),
                "--bookings.business-central.environment=" + bc.settings().environment(),
                "--bookings.business-central.company-id=" + BusinessCentralSimulator.DEFAULT_COMPANY,
                "--bookings.business-central.auth=static-token",
                "--bookings.business-central.static-token=" + bc.settings().token(),
                "--bookings.business-central.listener-concurrency=1");
        return ChildJvm.start(ConnectorChildMain.class, jvmOptions, args, LOGS.resolve("connector-" + n + ".log"));
    }

    private static DraftInvoiceCreated invoice(int n) {
        BigDecimal price = new BigDecimal("10.00").add(BigDecimal.valueOf(n));
        InvoiceLine line = InvoiceLine.newBuilder().setLineNo(1).setBookingId("biz/appointment-" + n + "/customer")
                .setBusinessId("biz").setItemNo("SVC0010").setDescription("Massage - 2026-11-01")
                .setServiceDate(Instant.parse("2026-11-01T09:00:00Z")).setQuantity(new BigDecimal("1.0000"))
                .setUnitPrice(price).setAmount(price).setExactQuantity(new BigDecimal("1.00000"))
                .setExactUnitPrice(price.setScale(5)).setExactAmount(price.setScale(5)).build();
        return DraftInvoiceCreated.newBuilder().setEventId("event-" + n).setOccurredAt(Instant.now())
                .setInvoiceId("DI-kill-" + n).setCommandId("command-" + n).setCustomerNo("C00010")
                .setCustomerName("Ada Lovelace").setCurrency("EUR").setLines(List.of(line)).setTotalAmount(price)
                .setExactTotalAmount(price.setScale(5)).setCurrencyMinorUnits(2).build();
    }

    /** What invoicing-service writes when an operator credits the invoice's one line: that line negated. */
    private static DraftCreditNoteCreated creditNote(DraftInvoiceCreated invoice) {
        InvoiceLine credited = invoice.getLines().get(0);
        CreditNoteLine line = CreditNoteLine.newBuilder().setLineNo(1).setOriginalLineNo(credited.getLineNo())
                .setBookingId(credited.getBookingId()).setBusinessId(credited.getBusinessId())
                .setItemNo(credited.getItemNo()).setDescription(credited.getDescription())
                .setServiceDate(credited.getServiceDate()).setQuantity(credited.getExactQuantity().negate())
                .setUnitPrice(credited.getExactUnitPrice()).setAmount(credited.getExactAmount().negate()).build();
        String id = invoice.getInvoiceId().replace("DI-", "CN-");
        return DraftCreditNoteCreated.newBuilder().setEventId("event-" + id).setOccurredAt(Instant.now())
                .setCreditNoteId(id).setCorrectionId("correction-" + id).setCommandId("command-" + id)
                .setOriginalInvoiceId(invoice.getInvoiceId()).setCustomerNo(invoice.getCustomerNo())
                .setCustomerName(invoice.getCustomerName()).setCurrency(invoice.getCurrency())
                .setCurrencyMinorUnits(2).setLines(List.of(line)).setTotalAmount(line.getAmount()).build();
    }
}
