package dev.bookingsinvoicing.bc.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import dev.bookingsinvoicing.bc.client.BusinessCentralException;
import dev.bookingsinvoicing.events.ExportOperation;
import dev.bookingsinvoicing.events.ExportedDocumentType;
import dev.bookingsinvoicing.events.InvoiceExportFailed;
import dev.bookingsinvoicing.events.InvoiceExported;
import tools.jackson.databind.JsonNode;

/** The events of {@code business-central.exports}, with ids that are the same whenever the same fact is announced. */
final class ExportEvents {

    private ExportEvents() {
    }

    /** {@code invoiceId} is the document's id: our invoice id, or for a credit memo our credit note id. */
    static InvoiceExported exported(ExportedDocumentType documentType, String invoiceId, String customerNo,
            JsonNode bcInvoice, String companyId, boolean alreadyThere, boolean deleted) {
        String bcId = bcInvoice.get("id").asString();
        return InvoiceExported.newBuilder()
                .setEventId(id("exported", invoiceId, bcId, String.valueOf(deleted)))
                .setOccurredAt(Instant.now())
                .setInvoiceId(invoiceId)
                .setCustomerNo(customerNo)
                .setBusinessCentralId(bcId)
                .setBusinessCentralNumber(bcInvoice.path("number").asString())
                .setBusinessCentralStatus(deleted ? "Deleted" : bcInvoice.path("status").asString())
                .setCompanyId(companyId)
                .setAlreadyThere(alreadyThere)
                .setDeleted(deleted)
                .setDocumentType(documentType)
                .build();
    }

    static InvoiceExportFailed failed(ExportedDocumentType documentType, String invoiceId, String customerNo,
            ExportOperation operation, String reason, BusinessCentralException error, boolean parked) {
        return InvoiceExportFailed.newBuilder()
                .setEventId(id("failed", invoiceId, operation.name(), reason))
                .setOccurredAt(Instant.now())
                .setInvoiceId(invoiceId)
                .setCustomerNo(customerNo)
                .setOperation(operation)
                .setReason(reason)
                .setErrorCode(error == null ? null : error.code())
                .setHttpStatus(error == null ? null : error.status())
                .setParked(parked)
                .setDocumentType(documentType)
                .build();
    }

    private static String id(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
