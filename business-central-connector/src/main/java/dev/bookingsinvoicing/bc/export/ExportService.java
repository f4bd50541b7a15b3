package dev.bookingsinvoicing.bc.export;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import dev.bookingsinvoicing.bc.client.BusinessCentralException;
import dev.bookingsinvoicing.bc.client.BusinessCentralProperties;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.ExportOperation;
import dev.bookingsinvoicing.events.ExportedDocumentType;
import dev.bookingsinvoicing.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * An invoice's (or a credit note's) way to Business Central and its result on {@code business-central.exports}:
 * exported as a sales invoice (or sales credit memo), or found there, or refused by Business Central and parked with
 * its message, so the topic moves on; anything else (throttled past the retry budget, unreachable, a 5xx) is thrown
 * to the shared error policy (retried, then dead-lettered).
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
                .description("Draft invoices and credit notes written to (or deleted from) Business Central, or parked,"
                        + " by outcome")
                .register(registry).increment());
    }

    /** What became of an export: Business Central's document, or its refusal (the document is parked). */
    public sealed interface Outcome {
        record Exported(String number, boolean alreadyThere) implements Outcome {
        }

        record Parked(String reason) implements Outcome {
        }
    }

    public Outcome export(DraftInvoiceCreated invoice) {
        return export(new Export(ExportedDocumentType.INVOICE, invoice.getInvoiceId(), invoice.getCustomerNo(),
                invoice), () -> exporter.export(invoice));
    }

    /** A credit note as a sales credit memo, with the same rules and results as an invoice. */
    public Outcome export(DraftCreditNoteCreated creditNote) {
        return export(new Export(ExportedDocumentType.CREDIT_MEMO, creditNote.getCreditNoteId(),
                creditNote.getCustomerNo(), creditNote), () -> exporter.export(creditNote));
    }

    /** What is exported: the document's kind, our id of it (its key and externalDocumentNumber) and its event. */
    record Export(ExportedDocumentType type, String id, String customerNo, SpecificRecord event) {
    }

    private Outcome export(Export document, Supplier<InvoiceExporter.Exported> write) {
        try {
            InvoiceExporter.Exported exported = write.get();
            publish(document.id(), ExportEvents.exported(document.type(), document.id(), document.customerNo(),
                    exported.invoice(), companyId, exported.alreadyThere(), false));
            parked.remove(document.id());
            count(exported.alreadyThere() ? "already-there" : "exported");
            return new Outcome.Exported(exported.invoice().path("number").asString(), exported.alreadyThere());
        } catch (BusinessCentralException e) {
            if (!e.isValidationError()) {
                throw e;
            }
            log.warn("Business Central refused {} {}: {} {}", document.type(), document.id(), e.code(),
                    e.getMessage());
            parked.park(document, e);
            publish(document.id(), ExportEvents.failed(document.type(), document.id(), document.customerNo(),
                    ExportOperation.EXPORT, e.getMessage(), e, true));
            count("parked");
            return new Outcome.Parked(e.getMessage());
        }
    }

    /** Retries a parked invoice or credit note; empty when nothing of that id is parked. */
    public Optional<Outcome> retry(String documentId) {
        return parked.event(documentId).map(event -> event instanceof DraftCreditNoteCreated creditNote
                ? export(creditNote) : export((DraftInvoiceCreated) event));
    }

    public void delete(DraftInvoiceDeleted deleted) {
        parked.remove(deleted.getInvoiceId());
        InvoiceExporter.Deletion deletion = exporter.delete(deleted.getInvoiceId());
        if (deletion instanceof InvoiceExporter.Deletion.Deleted done) {
            publish(deleted.getInvoiceId(), ExportEvents.exported(ExportedDocumentType.INVOICE,
                    deleted.getInvoiceId(), deleted.getCustomerNo(), done.invoice(), companyId, true, true));
            count("deleted");
        } else if (deletion instanceof InvoiceExporter.Deletion.NotADraft kept) {
            publish(deleted.getInvoiceId(), ExportEvents.failed(ExportedDocumentType.INVOICE, deleted.getInvoiceId(),
                    deleted.getCustomerNo(), ExportOperation.DELETE, "not deleted in Business Central: invoice "
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
