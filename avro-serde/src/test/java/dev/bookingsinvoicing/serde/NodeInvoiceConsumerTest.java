package dev.bookingsinvoicing.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import dev.bookingsinvoicing.events.CorrectionLine;
import dev.bookingsinvoicing.events.CreditNoteLine;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.events.InvoicedBookingChanged;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Runs the Node.js example consumer ({@code examples/node-invoice-consumer}) against a real Kafka 4 broker, so
 * that the contract "readable with nothing but the .avsc files" is proved in another language on every build.
 * Skipped where {@code node} or {@code npm} is not installed.
 */
@EmbeddedKafka(partitions = 1, topics = Topics.INVOICES, brokerProperties = {
        // a single broker: the transaction log must fit on it
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=1" })
class NodeInvoiceConsumerTest {

    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(90);
    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    /** {@code -Dnode.executable=...} / {@code -Dnpm.executable=...} pick other installations than the PATH's. */
    private static final String NODE = System.getProperty("node.executable", WINDOWS ? "node.exe" : "node");
    private static final String NPM = System.getProperty("npm.executable", WINDOWS ? "npm.cmd" : "npm");

    private static Path example;

    /** Skips (with the reason in the report) where Node.js is missing; installs the example's packages once. */
    private static void assumeNodeAndInstallExample() throws IOException {
        Assumptions.assumeTrue(runs(List.of(NODE, "--version")),
                "node is not installed: skipping the Node.js example consumer test (install Node 20+ and npm to run it)");
        Assumptions.assumeTrue(runs(List.of(NPM, "--version")),
                "npm is not installed: skipping the Node.js example consumer test (install Node 20+ and npm to run it)");
        example = exampleFolder();
        Path installed = example.resolve("node_modules/.package-lock.json");
        Path lock = example.resolve("package-lock.json");
        // npm ci wipes and reinstalls node_modules: do it only when the lock file changed since the last install
        if (!Files.exists(installed)
                || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            Result npmCi = run(List.of(NPM, "ci", "--no-audit", "--no-fund"), example, NPM_CI_TIMEOUT);
            assertThat(npmCi.exitCode()).as("npm ci in %s:%n%s", example, npmCi.output()).isZero();
        }
    }

    @Test
    void printsEveryCommittedInvoiceEventDecodedWithOnlyTheAvscFiles(EmbeddedKafkaBroker broker) throws Exception {
        assumeNodeAndInstallExample();
        publish(broker, List.of(invoice("INV-1", "C00010", "Ada Lovelace", "85.00",
                line(1, "40.00"), line(2, "45.00"))), true);
        // an aborted attempt: a read_committed consumer never sees it
        publish(broker, List.of(invoice("INV-ABORTED", "C00099", "Nobody", "1.00", line(1, "1.00"))), false);
        publish(broker, List.of(
                invoice("INV-2", "C00020", "Grace Hopper", "12345.60", line(1, "12345.60")),
                new DraftInvoiceDeleted("e-del-1", Instant.parse("2026-11-03T08:00:00Z"), "INV-1", "cmd-2", "C00010",
                        List.of("salon@contoso.com/appt-1/cust-1", "salon@contoso.com/appt-2/cust-1"))), true);
        // a correction of INV-2's line (repriced from 12345.60 to 12000.00), one of a cancellation, and its credit note
        publish(broker, List.of(correction("CO-1", "12000.00"), correction("CO-2", null), creditNote()), true);

        Result consumer = run(List.of(NODE, "consumer.js",
                "--bootstrap-servers", broker.getBrokersAsString(), "--max-messages", "6"), example, CONSUMER_TIMEOUT);

        assertThat(consumer.exitCode()).as("node consumer.js:%n%s", consumer.output()).isZero();
        // "p0@<offset> " names where the record was; offsets include the transaction markers, so leave them out
        assertThat(consumer.stdout().stream().map(l -> l.replaceFirst("^p\\d+@\\d+ ", "")).toList())
                .as("node consumer.js:%n%s", consumer.output())
                .containsExactly(
                        "key=C00010 DraftInvoiceCreated invoice=INV-1 customer=C00010 name=\"Ada Lovelace\" lines=2 total=85.00 EUR",
                        "key=C00020 DraftInvoiceCreated invoice=INV-2 customer=C00020 name=\"Grace Hopper\" lines=1 total=12345.60 EUR",
                        "key=C00010 DraftInvoiceDeleted invoice=INV-1 customer=C00010 released=2",
                        "key=C00020 InvoicedBookingChanged correction=CO-1 invoice=INV-2 customer=C00020"
                                + " booking=salon@contoso.com/appt-1/cust-1 kind=CHANGED invoiced=12345.60000"
                                + " now=12000.00000 EUR",
                        "key=C00020 InvoicedBookingChanged correction=CO-2 invoice=INV-2 customer=C00020"
                                + " booking=salon@contoso.com/appt-1/cust-1 kind=CANCELLED invoiced=12345.60000"
                                + " now=- EUR",
                        "key=C00020 DraftCreditNoteCreated creditNote=CN-1 invoice=INV-2 customer=C00020 lines=1"
                                + " total=-12345.60000 EUR");
    }

    private static void publish(EmbeddedKafkaBroker broker, List<SpecificRecord> events, boolean commit) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "node-consumer-test");
        try (KafkaProducer<String, SpecificRecord> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new AvroSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (SpecificRecord event : events) {
                String key = String.valueOf(event.get(event.getSchema().getField("customerNo").pos()));
                producer.send(new ProducerRecord<>(Topics.INVOICES, key, event));
            }
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.flush();
                producer.abortTransaction();
            }
        }
    }

    private static DraftInvoiceCreated invoice(String invoiceId, String customerNo, String name, String total,
                                               InvoiceLine... lines) {
        return DraftInvoiceCreated.newBuilder()
                .setEventId("e-" + invoiceId).setOccurredAt(Instant.parse("2026-11-02T10:00:00Z"))
                .setInvoiceId(invoiceId).setCommandId("cmd-1").setCustomerNo(customerNo).setCustomerName(name)
                .setCurrency("EUR").setLines(List.of(lines)).setTotalAmount(new BigDecimal(total))
                .build();
    }

    private static InvoicedBookingChanged correction(String correctionId, String amountNow) {
        return new InvoicedBookingChanged("e-" + correctionId, Instant.parse("2026-11-04T08:00:00Z"), correctionId,
                "INV-2", null, "cmd-1", "C00020", "salon@contoso.com/appt-1/cust-1", "salon@contoso.com",
                amountNow == null ? "CANCELLED" : "CHANGED", "EUR", correctionLine("12345.60"),
                amountNow == null ? null : correctionLine(amountNow), null);
    }

    private static CorrectionLine correctionLine(String amount) {
        return new CorrectionLine(1, "C00020", "SVC0010", "Haircut - 2026-11-01", Instant.parse("2026-11-01T09:00:00Z"),
                LocalDate.of(2026, 11, 1), new BigDecimal("1.00000"), new BigDecimal(amount).setScale(5),
                new BigDecimal(amount).setScale(5));
    }

    private static DraftCreditNoteCreated creditNote() {
        BigDecimal credited = new BigDecimal("-12345.60000");
        return new DraftCreditNoteCreated("e-CN-1", Instant.parse("2026-11-04T09:00:00Z"), "CN-1", "CO-2", "cmd-2",
                "INV-2", null, "C00020", "Grace Hopper", "EUR", 2, List.of(new CreditNoteLine(1, 1,
                        "salon@contoso.com/appt-1/cust-1", "salon@contoso.com", "SVC0010", "Haircut - 2026-11-01",
                        Instant.parse("2026-11-01T09:00:00Z"), LocalDate.of(2026, 11, 1), "Europe/Amsterdam",
                        new BigDecimal("-1.00000"), new BigDecimal("12345.60000"), credited, "HOUR", "SERVICES",
                        "VAT25")), credited, "cancelled");
    }

    private static InvoiceLine line(int lineNo, String amount) {
        return new InvoiceLine(lineNo, "salon@contoso.com/appt-" + lineNo + "/cust-1", "salon@contoso.com", "SVC0010",
                "Haircut - 2026-11-01", Instant.parse("2026-11-01T09:00:00Z"), new BigDecimal("1.0000"),
                new BigDecimal(amount), new BigDecimal(amount), LocalDate.of(2026, 11, 1), "Europe/Amsterdam",
                new BigDecimal("1.00000"), new BigDecimal(amount).setScale(5), new BigDecimal(amount).setScale(5), "HOUR",
                "SERVICES", "VAT25");
    }

    /** The example lives at the repository root; tests run in the module folder. */
    private static Path exampleFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples/node-invoice-consumer");
            if (Files.isRegularFile(candidate.resolve("consumer.js"))) {
                return candidate;
            }
        }
        return fail("examples/node-invoice-consumer/consumer.js not found above " + Path.of("").toAbsolutePath());
    }

    private static boolean runs(List<String> command) {
        try {
            return run(command, Path.of("."), Duration.ofSeconds(30)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int exitCode, List<String> stdout, String stderr) {
        String output() {
            return String.join(System.lineSeparator(), stdout) + System.lineSeparator() + stderr;
        }
    }

    /** Runs a command with a deadline; output goes to files, so a chatty process can never block on a full pipe. */
    private static Result run(List<String> command, Path dir, Duration timeout) throws IOException {
        Path out = Files.createTempFile("node-consumer-test", ".out");
        Path err = Files.createTempFile("node-consumer-test", ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8)),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
