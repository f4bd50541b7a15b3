package dev.bookingsinvoicing.bc.export;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.bookingsinvoicing.bc.client.BusinessCentralClient;
import dev.bookingsinvoicing.bc.client.BusinessCentralException;
import dev.bookingsinvoicing.events.CreditNoteLine;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.InvoiceLine;
import dev.bookingsinvoicing.schemas.DecimalFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of writing to Business Central, on top of {@link BusinessCentralClient}: never twice (an invoice or a
 * credit memo is looked up by its {@code externalDocumentNumber}, our invoice or credit note id, before it is created,
 * and customers and items by their number), one POST per document with its lines inline (never half a document), a
 * credit memo applied to the sales invoice it corrects when Business Central has that invoice, and a Business Central
 * draft deleted only while it is still a draft.
 */
public final class InvoiceExporter {

    static final String CUSTOMERS = "customers";
    static final String ITEMS = "items";
    static final String SALES_INVOICES = "salesInvoices";
    static final String SALES_CREDIT_MEMOS = "salesCreditMemos";
    /** Business Central's lengths: line description Text[100], description2 Text[50]. */
    private static final int DESCRIPTION_LENGTH = 100;

    private final BusinessCentralClient client;
    private final String localCurrencyCode;

    public InvoiceExporter(BusinessCentralClient client, String localCurrencyCode) {
        this.client = client;
        this.localCurrencyCode = localCurrencyCode == null ? "" : localCurrencyCode;
    }

    /** Business Central's sales invoice for our invoice id, if it has one. */
    public Optional<JsonNode> find(String invoiceId) {
        return client.findOne(SALES_INVOICES, "externalDocumentNumber", invoiceId);
    }

    /** The invoice in Business Central: the one already there, or created now with its customer and items. */
    public Exported export(DraftInvoiceCreated invoice) {
        Optional<JsonNode> existing = find(invoice.getInvoiceId());
        if (existing.isPresent()) {
            return new Exported(existing.get(), true);
        }
        ensureCustomer(invoice.getCustomerNo(), invoice.getCustomerName(), null, invoice.getCurrency(), false);
        Map<String, String> items = new LinkedHashMap<>();
        invoice.getLines().forEach(line -> items.putIfAbsent(line.getItemNo(), line.getUnitOfMeasure()));
        ensureItems(items);
        return new Exported(client.create(SALES_INVOICES, salesInvoice(invoice)), false);
    }

    /** Business Central's sales credit memo for our credit note id, if it has one. */
    public Optional<JsonNode> findCreditMemo(String creditNoteId) {
        return client.findOne(SALES_CREDIT_MEMOS, "externalDocumentNumber", creditNoteId);
    }

    /**
     * The credit note in Business Central as a sales credit memo: the one already there, or created now with its
     * customer and items, applied to the sales invoice it corrects when that invoice was exported.
     */
    public Exported export(DraftCreditNoteCreated creditNote) {
        Optional<JsonNode> existing = findCreditMemo(creditNote.getCreditNoteId());
        if (existing.isPresent()) {
            return new Exported(existing.get(), true);
        }
        ensureCustomer(creditNote.getCustomerNo(), creditNote.getCustomerName(), null, creditNote.getCurrency(),
                false);
        Map<String, String> items = new LinkedHashMap<>();
        creditNote.getLines().forEach(line -> items.putIfAbsent(line.getItemNo(), line.getUnitOfMeasure()));
        ensureItems(items);
        Optional<JsonNode> original = find(creditNote.getOriginalInvoiceId());
        return new Exported(client.create(SALES_CREDIT_MEMOS, salesCreditMemo(creditNote, original)), false);
    }

    /** Each item (number to unit of measure) exists in Business Central; a registration completes it. */
    private void ensureItems(Map<String, String> unitsOfMeasure) {
        unitsOfMeasure.forEach((itemNo, unitOfMeasure) -> ensureItem(itemNo, itemNo, null, unitOfMeasure, false));
    }

    /** What deleting our draft did to Business Central's. */
    public sealed interface Deletion {
        /** Business Central had no invoice with this number (never exported, or parked). */
        record NotThere() implements Deletion {
        }

        record Deleted(JsonNode invoice) implements Deletion {
        }

        /** Business Central no longer has it as a draft (released, posted): left as it is. */
        record NotADraft(JsonNode invoice) implements Deletion {
        }
    }

    public Deletion delete(String invoiceId) {
        Optional<JsonNode> existing = find(invoiceId);
        if (existing.isEmpty()) {
            return new Deletion.NotThere();
        }
        JsonNode invoice = existing.get();
        if (!"Draft".equals(invoice.path("status").asString())) {
            return new Deletion.NotADraft(invoice);
        }
        client.delete(SALES_INVOICES, invoice.get("id").asString(), invoice.get("@odata.etag").asString());
        return new Deletion.Deleted(invoice);
    }

    /**
     * The customer with this number exists in Business Central: created when absent; with {@code update}, its name
     * and email are brought up to date (a registration is the customer's truth, an invoice only names it).
     */
    public void ensureCustomer(String number, String displayName, String email, String currency, boolean update) {
        ObjectNode wanted = client.mapper().createObjectNode();
        wanted.put("displayName", displayName);
        if (email != null) {
            wanted.put("email", email);
        }
        if (currency != null) {
            wanted.put("currencyCode", currencyCode(currency));
        }
        ensure(CUSTOMERS, number, wanted, update);
    }

    /** The item with this number exists in Business Central, of type Service; with {@code update} as registered. */
    public void ensureItem(String number, String displayName, BigDecimal unitPrice, String unitOfMeasure,
            boolean update) {
        ObjectNode wanted = client.mapper().createObjectNode();
        wanted.put("displayName", displayName);
        wanted.put("type", "Service");
        if (unitPrice != null) {
            wanted.put("unitPrice", unitPrice);
        }
        if (unitOfMeasure != null) {
            wanted.put("baseUnitOfMeasureCode", unitOfMeasure);
        }
        ensure(ITEMS, number, wanted, update);
    }

    private void ensure(String set, String number, ObjectNode wanted, boolean update) {
        Optional<JsonNode> existing = client.findOne(set, "number", number);
        if (existing.isEmpty()) {
            ObjectNode created = client.mapper().createObjectNode().put("number", number);
            created.setAll(wanted);
            try {
                client.create(set, created);
                return;
            } catch (BusinessCentralException e) {
                // created meanwhile by another partition's record (a customer of two businesses): use that one
                existing = client.findOne(set, "number", number);
                if (existing.isEmpty()) {
                    throw e;
                }
            }
        }
        if (!update) {
            return;
        }
        JsonNode current = existing.get();
        ObjectNode changes = client.mapper().createObjectNode();
        wanted.properties().forEach(field -> {
            if (!"type".equals(field.getKey()) && !sameValue(current.get(field.getKey()), field.getValue())) {
                changes.set(field.getKey(), field.getValue());
            }
        });
        if (!changes.isEmpty()) {
            client.patch(set, current.get("id").asString(), current.get("@odata.etag").asString(), changes);
        }
    }

    private static boolean sameValue(JsonNode current, JsonNode wanted) {
        if (current == null) {
            return false;
        }
        if (current.isNumber() && wanted.isNumber()) {
            return current.decimalValue().compareTo(wanted.decimalValue()) == 0;
        }
        return current.asString().equals(wanted.asString());
    }

    ObjectNode salesInvoice(DraftInvoiceCreated invoice) {
        ObjectNode json = client.mapper().createObjectNode();
        json.put("externalDocumentNumber", invoice.getInvoiceId());
        json.put("invoiceDate", invoice.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        json.put("customerNumber", invoice.getCustomerNo());
        json.put("currencyCode", currencyCode(invoice.getCurrency()));
        ArrayNode lines = json.putArray("salesInvoiceLines");
        for (InvoiceLine line : invoice.getLines()) {
            addLine(lines, line.getItemNo(), line.getDescription(), line.getBookingId(), line.getUnitOfMeasure(),
                    DecimalFields.read(line.getExactQuantity(), line.getQuantity()),
                    DecimalFields.read(line.getExactUnitPrice(), line.getUnitPrice()));
        }
        return json;
    }

    /**
     * A credit memo credits what its lines say, so their quantities are the credited lines' own (positive): our
     * credit note's negated quantities negated back, at the unit price invoiced. With the exported original invoice,
     * {@code invoiceId} and {@code invoiceNumber} apply the credit memo to it.
     */
    ObjectNode salesCreditMemo(DraftCreditNoteCreated creditNote, Optional<JsonNode> originalInvoice) {
        ObjectNode json = client.mapper().createObjectNode();
        json.put("externalDocumentNumber", creditNote.getCreditNoteId());
        json.put("creditMemoDate", creditNote.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        json.put("customerNumber", creditNote.getCustomerNo());
        json.put("currencyCode", currencyCode(creditNote.getCurrency()));
        originalInvoice.ifPresent(invoice -> {
            json.put("invoiceId", invoice.get("id").asString());
            json.put("invoiceNumber", invoice.path("number").asString());
        });
        ArrayNode lines = json.putArray("salesCreditMemoLines");
        for (CreditNoteLine line : creditNote.getLines()) {
            addLine(lines, line.getItemNo(), line.getDescription(), line.getBookingId(), line.getUnitOfMeasure(),
                    line.getQuantity().negate(), line.getUnitPrice());
        }
        return json;
    }

    private static void addLine(ArrayNode lines, String itemNo, String description, String bookingId,
            String unitOfMeasure, BigDecimal quantity, BigDecimal unitPrice) {
        ObjectNode bcLine = lines.addObject();
        bcLine.put("lineType", "Item");
        bcLine.put("lineObjectNumber", itemNo);
        bcLine.put("description", truncate(description, DESCRIPTION_LENGTH));
        bcLine.put("description2", bookingReference(bookingId));
        if (unitOfMeasure != null) {
            bcLine.put("unitOfMeasureCode", unitOfMeasure);
        }
        bcLine.put("quantity", quantity);
        bcLine.put("unitPrice", unitPrice);
    }

    /**
     * The booking a line bills, in Business Central's description2 (Text[50]): "BK " + the first 16 hex digits of
     * SHA-256 of the booking id (Bookings' ids are longer than 50 characters); {@link #bookingReference} computes it
     * from any DraftInvoiceCreated line.
     */
    public static String bookingReference(String bookingId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bookingId.getBytes(StandardCharsets.UTF_8));
            return "BK " + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private String currencyCode(String currency) {
        return currency.equalsIgnoreCase(localCurrencyCode) ? "" : currency;
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /** Business Central's sales invoice (or credit memo) and whether it was there before this export. */
    public record Exported(JsonNode invoice, boolean alreadyThere) {
    }
}
