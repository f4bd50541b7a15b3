package dev.bookingsinvoicing.bc.export;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import dev.bookingsinvoicing.bc.client.BusinessCentralException;
import dev.bookingsinvoicing.bc.client.BusinessCentralProperties;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.ExportOperation;
import dev.bookingsinvoicing.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * An invoice's way to Business Central and its result on {@code business-central.exports}: exported (or found
 * there), or refused by Business Central and parked with its message, so the topic moves on; anything else (throttled
 * past the retry budget, unreachable, a 5xx) is thrown to the shared error policy (retried, then dead-lettered).
 * The result is published before the listener returns, so a crash in between repeats the export, which then finds
 * the invoice by its number and announces it again with the same event id.
 */
@Service
public class ExportService {

    private static final Logger log = LoggerFactory.getLogger(ExportService.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
    /** Counter of export results, tagged {@code outcome}: exported, already-there, parked, deleted, not-deleted. */
    public static final String EXPORTS = "bookings.business-central.exports";

    private final InvoiceExporter exporter;
    private final ParkedExports parked;
    private final KafkaTemplate<String, Object> kafka;
    private final String companyId;
    private final ObjectProvider<MeterRegistry> meters;

    public ExportService(InvoiceExporter exporter, ParkedExports parked, KafkaTemplate<String, Object> kafka,
            BusinessCentralProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.exporter = exporter;
        this.parked = parked;
        this.kafka = kafka;
        this.companyId = properties.companyId();
        this.meters = meters;
    }

    private void count(String outcome) {
        meters.ifAvailable(registry -> Counter.builder(EXPORTS).tag("outcome", outcome)
                .description("Draft invoices written to (or deleted from) Business Central, or parked, by outcome")
                .register(registry).increment());
    }

    /** What became of an export: Business Central's invoice, or its refusal (the invoice is parked). */
    public sealed interface Outcome {
        record Exported(String number, boolean alreadyThere) implements Outcome {
        }

        record Parked(String reason) implements Outcome {
        }
    }

    public Outcome export(DraftInvoiceCreated invoice) {
        try {
            InvoiceExporter.Exported exported = exporter.export(invoice);
            publish(invoice.getInvoiceId(), ExportEvents.exported(invoice.getInvoiceId(), invoice.getCustomerNo(),
                    exported.invoice(), companyId, exported.alreadyThere(), false));
            parked.remove(invoice.getInvoiceId());
            count(exported.alreadyThere() ? "already-there" : "exported");
            return new Outcome.Exported(exported.invoice().path("number").asString(), exported.alreadyThere());
        } catch (BusinessCentralException e) {
            if (!e.isValidationError()) {
                throw e;
            }
            log.warn("Business Central refused invoice {}: {} {}", invoice.getInvoiceId(), e.code(), e.getMessage());
            parked.park(invoice, e);
            publish(invoice.getInvoiceId(), ExportEvents.failed(invoice.getInvoiceId(), invoice.getCustomerNo(),
                    ExportOperation.EXPORT, e.getMessage(), e, true));
            count("parked");
            return new Outcome.Parked(e.getMessage());
        }
    }

    /** Retries a parked invoice; empty when no invoice of that id is parked. */
    public Optional<Outcome> retry(String invoiceId) {
        return parked.invoice(invoiceId).map(this::export);
    }

    public void delete(DraftInvoiceDeleted deleted) {
        parked.remove(deleted.getInvoiceId());
        InvoiceExporter.Deletion deletion = exporter.delete(deleted.getInvoiceId());
        if (deletion instanceof InvoiceExporter.Deletion.Deleted done) {
            publish(deleted.getInvoiceId(), ExportEvents.exported(deleted.getInvoiceId(), deleted.getCustomerNo(),
                    done.invoice(), companyId, true, true));
            count("deleted");
        } else if (deletion instanceof InvoiceExporter.Deletion.NotADraft kept) {
            publish(deleted.getInvoiceId(), ExportEvents.failed(deleted.getInvoiceId(), deleted.getCustomerNo(),
                    ExportOperation.DELETE, "not deleted in Business Central: invoice "
                            + kept.invoice().path("number").asString() + " has status "
                            + kept.invoice().path("status").asString() + " there, no longer Draft", null, false));
            count("not-deleted");
        } else {
            log.info("deleted invoice {} was never in Business Central", deleted.getInvoiceId());
        }
    }

    private void publish(String invoiceId, SpecificRecord event) {
        try {
            kafka.send(Topics.BUSINESS_CENTRAL_EXPORTS, invoiceId, event).get(PUBLISH_TIMEOUT.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the export of " + invoiceId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish the export of " + invoiceId, e);
        }
    }
}
