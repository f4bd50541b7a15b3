package dev.bookingsinvoicing.bcsimulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Business Central company in memory: its customers, items, sales invoices and sales credit memos (with their
 * lines) as the API v2.0 shows them, and the validation Business Central applies to what is posted. Thread-safe: every method locks the
 * company, as a record lock would.
 */
public final class SimulatedCompany {

    /** The entity sets of API v2.0 this simulator serves. */
    static final String CUSTOMERS = "customers";
    static final String ITEMS = "items";
    static final String SALES_INVOICES = "salesInvoices";
    static final String SALES_INVOICE_LINES = "salesInvoiceLines";
    static final String SALES_CREDIT_MEMOS = "salesCreditMemos";
    static final String SALES_CREDIT_MEMO_LINES = "salesCreditMemoLines";

    /** The sales documents, which differ only in their set, lines, number series and date field. */
    enum SalesDocument {
        INVOICE(SALES_INVOICES, SALES_INVOICE_LINES, "S-INV", "invoiceDate", "Sales Invoice"),
        CREDIT_MEMO(SALES_CREDIT_MEMOS, SALES_CREDIT_MEMO_LINES, "S-CR", "creditMemoDate", "Sales Credit Memo");

        final String set;
        final String lines;
        final String numberPrefix;
        final String dateField;
        final String title;

        SalesDocument(String set, String lines, String numberPrefix, String dateField, String title) {
            this.set = set;
            this.lines = lines;
            this.numberPrefix = numberPrefix;
            this.dateField = dateField;
            this.title = title;
        }

        static Optional<SalesDocument> of(String set) {
            return java.util.Arrays.stream(values()).filter(d -> d.set.equals(set)).findFirst();
        }
    }

    private final UUID id;
    private final String name;
    private final JsonMapper mapper;
    private final Map<String, Map<String, ObjectNode>> sets = new LinkedHashMap<>();
    private final Map<SalesDocument, AtomicLong> documentNumbers = new java.util.EnumMap<>(SalesDocument.class);
    private final AtomicLong etagVersions = new AtomicLong();

    SimulatedCompany(UUID id, String name, JsonMapper mapper) {
        this.id = id;
        this.name = name;
        this.mapper = mapper;
        for (String set : List.of(CUSTOMERS, ITEMS, SALES_INVOICES, SALES_CREDIT_MEMOS)) {
            sets.put(set, new LinkedHashMap<>());
        }
        for (SalesDocument document : SalesDocument.values()) {
            documentNumbers.put(document, new AtomicLong(100000));
        }
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    ObjectNode json() {
        ObjectNode company = mapper.createObjectNode();
        company.put("id", id.toString());
        company.put("systemVersion", "27.0.38460.0");
        company.put("name", name);
        company.put("displayName", name);
        company.put("businessProfileId", "");
        return company;
    }

    /** A Business Central validation error: answered 400 with the code and message Business Central uses. */
    static final class ValidationException extends RuntimeException {

        final int status;
        final String code;

        ValidationException(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    boolean knows(String set) {
        return sets.containsKey(set);
    }

    /** The entities of a set whose {@code field} equals {@code value} (no filter: all), in insertion order. */
    synchronized List<ObjectNode> list(String set, String field, String value) {
        return sets.get(set).values().stream()
                .filter(e -> field == null || (e.has(field) && e.get(field).asString().equals(value)))
                .map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<ObjectNode> get(String set, String entityId) {
        return Optional.ofNullable(sets.get(set).get(entityId)).map(ObjectNode::deepCopy);
    }

    /** Creates what was posted, validated as Business Central validates it; the created entity as answered. */
    synchronized ObjectNode create(String set, ObjectNode posted) {
        return switch (set) {
            case CUSTOMERS -> insert(set, customer(posted));
            case ITEMS -> insert(set, item(posted));
            case SALES_INVOICES -> insert(set, salesDocument(SalesDocument.INVOICE, posted));
            case SALES_CREDIT_MEMOS -> insert(set, salesDocument(SalesDocument.CREDIT_MEMO, posted));
            default -> throw new ValidationException(405, "BadRequest_MethodNotAllowed",
                    "'POST' requests for '" + set + "' of EdmType 'Entity' are not allowed within Dynamics 365 "
                            + "Business Central OData web services.");
        };
    }

    /** Changes the given fields when {@code ifMatch} is the entity's current etag (or {@code *}). */
    synchronized ObjectNode patch(String set, String entityId, String ifMatch, ObjectNode changes) {
        ObjectNode entity = existing(set, entityId, ifMatch);
        changes.properties().forEach(field -> {
            if (!field.getKey().startsWith("@odata") && !"id".equals(field.getKey())) {
                entity.set(field.getKey(), field.getValue());
            }
        });
        touch(entity);
        return entity.deepCopy();
    }

    /** Deletes the entity when {@code ifMatch} is its current etag; a sales document only while it is a Draft. */
    synchronized void delete(String set, String entityId, String ifMatch) {
        ObjectNode entity = existing(set, entityId, ifMatch);
        Optional<SalesDocument> document = SalesDocument.of(set);
        if (document.isPresent() && !"Draft".equals(entity.get("status").asString())) {
            throw new ValidationException(400, "Application_DialogException",
                    "You cannot delete " + document.get().title + " " + entity.get("number").asString()
                            + " because it has status " + entity.get("status").asString() + ".");
        }
        sets.get(set).remove(entityId);
    }

    // ---- what tests do in Business Central's own pages ----

    /** Sets a customer's {@code blocked} (" ", "Ship", "Invoice", "All") as a user would on its card. */
    public synchronized void block(String customerNumber, String blocked) {
        ObjectNode customer = byNumber(CUSTOMERS, customerNumber).orElseThrow();
        customer.put("blocked", blocked);
        touch(customer);
    }

    /** Sets an invoice's status, e.g. "Open" as if it had been released or posted in Business Central. */
    public synchronized void setInvoiceStatus(String externalDocumentNumber, String status) {
        ObjectNode invoice = list(SALES_INVOICES, "externalDocumentNumber", externalDocumentNumber).stream()
                .findFirst().orElseThrow();
        ObjectNode stored = sets.get(SALES_INVOICES).get(invoice.get("id").asString());
        stored.put("status", status);
        touch(stored);
    }

    /** Every sales invoice with its lines, as {@code $expand=salesInvoiceLines} shows them. */
    public synchronized List<ObjectNode> salesInvoices() {
        return list(SALES_INVOICES, null, null);
    }

    /** Every sales credit memo with its lines, as {@code $expand=salesCreditMemoLines} shows them. */
    public synchronized List<ObjectNode> salesCreditMemos() {
        return list(SALES_CREDIT_MEMOS, null, null);
    }

    public synchronized List<ObjectNode> customers() {
        return list(CUSTOMERS, null, null);
    }

    public synchronized List<ObjectNode> items() {
        return list(ITEMS, null, null);
    }

    // ---- rules ----

    private ObjectNode customer(ObjectNode posted) {
        String number = required(posted, "number", "Customer");
        if (byNumber(CUSTOMERS, number).isPresent()) {
            throw alreadyExists("Customer", number);
        }
        ObjectNode customer = mapper.createObjectNode();
        customer.put("number", number);
        customer.put("displayName", text(posted, "displayName", ""));
        customer.put("type", text(posted, "type", "Company"));
        customer.put("email", text(posted, "email", ""));
        customer.put("currencyCode", text(posted, "currencyCode", ""));
        customer.put("blocked", text(posted, "blocked", " "));
        customer.put("balance", 0);
        return customer;
    }

    private ObjectNode item(ObjectNode posted) {
        String number = required(posted, "number", "Item");
        if (byNumber(ITEMS, number).isPresent()) {
            throw alreadyExists("Item", number);
        }
        String type = text(posted, "type", "Inventory");
        if (!List.of("Inventory", "Service", "Non-Inventory").contains(type)) {
            throw new ValidationException(400, "BadRequest", "Cannot convert the literal '" + type
                    + "' to the expected type 'Microsoft.NAV.itemType'.");
        }
        ObjectNode item = mapper.createObjectNode();
        item.put("number", number);
        item.put("displayName", text(posted, "displayName", ""));
        item.put("type", type);
        item.put("blocked", posted.has("blocked") && posted.get("blocked").asBoolean());
        item.put("baseUnitOfMeasureCode", text(posted, "baseUnitOfMeasureCode", ""));
        item.set("unitPrice", posted.has("unitPrice") ? posted.get("unitPrice")
                : mapper.getNodeFactory().numberNode(0));
        return item;
    }

    private ObjectNode salesDocument(SalesDocument kind, ObjectNode posted) {
        String customerNumber = required(posted, "customerNumber", "Sales Header");
        ObjectNode customer = byNumber(CUSTOMERS, customerNumber).orElseThrow(() -> new ValidationException(400,
                "BadRequest_NotFound", "The field Customer No. of table Sales Header contains a value ("
                        + customerNumber + ") that cannot be found in the related table (Customer)."));
        String blocked = customer.get("blocked").asString();
        if ("Invoice".equals(blocked) || "All".equals(blocked)) {
            throw new ValidationException(400, "Application_DialogException", "You cannot create this type of document "
                    + "when Customer " + customerNumber + " is blocked with type " + blocked);
        }
        ObjectNode document = mapper.createObjectNode();
        document.put("number", kind.numberPrefix + documentNumbers.get(kind).incrementAndGet());
        document.put("externalDocumentNumber", text(posted, "externalDocumentNumber", ""));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        document.put(kind.dateField, text(posted, kind.dateField, today));
        document.put("postingDate", text(posted, "postingDate", today));
        document.put("customerId", customer.get("id").asString());
        document.put("customerNumber", customerNumber);
        document.put("customerName", customer.get("displayName").asString());
        document.put("currencyCode", text(posted, "currencyCode", customer.get("currencyCode").asString()));
        if (kind == SalesDocument.CREDIT_MEMO) {
            applyTo(document, text(posted, "invoiceId", ""));
        }
        document.put("status", "Draft");
        int decimals = amountDecimals(document.get("currencyCode").asString());
        ArrayNode lines = document.putArray(kind.lines);
        BigDecimal total = BigDecimal.ZERO;
        int sequence = 0;
        JsonNode postedLines = posted.get(kind.lines);
        for (JsonNode postedLine : postedLines == null ? List.<JsonNode>of() : postedLines) {
            ObjectNode line = line((ObjectNode) postedLine, sequence += 10000, decimals);
            total = total.add(line.get("amountExcludingTax").decimalValue());
            lines.add(line);
        }
        document.put("totalAmountExcludingTax", total);
        document.put("totalTaxAmount", BigDecimal.ZERO);
        document.put("totalAmountIncludingTax", total);
        return document;
    }

    /**
     * A credit memo's {@code invoiceId} (the sales invoice it is applied to) must name one of the company's sales
     * invoices; its {@code invoiceNumber} is then that invoice's. Without one the credit memo applies to none.
     */
    private void applyTo(ObjectNode creditMemo, String invoiceId) {
        if (invoiceId.isBlank()) {
            creditMemo.put("invoiceId", "00000000-0000-0000-0000-000000000000");
            creditMemo.put("invoiceNumber", "");
            return;
        }
        ObjectNode invoice = sets.get(SALES_INVOICES).get(invoiceId);
        if (invoice == null) {
            throw new ValidationException(400, "BadRequest_NotFound", "The field Applies-to Doc. No. of table Sales "
                    + "Header contains a value (" + invoiceId + ") that cannot be found in the related table "
                    + "(Sales Invoice Header).");
        }
        creditMemo.put("invoiceId", invoiceId);
        creditMemo.put("invoiceNumber", invoice.get("number").asString());
    }

    /**
     * The currency's amount rounding precision, as Business Central sets it up per currency (JPY 1, KWD 0.001); the
     * company's local currency (blank) at 0.01.
     */
    private static int amountDecimals(String currencyCode) {
        try {
            return currencyCode.isBlank() ? 2
                    : Math.max(0, java.util.Currency.getInstance(currencyCode).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    private ObjectNode line(ObjectNode posted, int sequence, int decimals) {
        String lineType = text(posted, "lineType", "Comment");
        ObjectNode line = mapper.createObjectNode();
        line.put("id", UUID.randomUUID().toString());
        line.put("sequence", sequence);
        line.put("lineType", lineType);
        String description = text(posted, "description", "");
        if (description.length() > 100) {
            throw new ValidationException(400, "BadRequest", "The length of the string is " + description.length()
                    + ", but it must be less than or equal to 100 characters. Value: " + description);
        }
        if ("Item".equals(lineType)) {
            String itemNumber = required(posted, "lineObjectNumber", "Sales Line");
            ObjectNode item = byNumber(ITEMS, itemNumber).orElseThrow(() -> new ValidationException(400,
                    "BadRequest_NotFound", "The field No. of table Sales Line contains a value (" + itemNumber
                            + ") that cannot be found in the related table (Item)."));
            line.put("itemId", item.get("id").asString());
            line.put("lineObjectNumber", itemNumber);
            if (description.isEmpty()) {
                description = item.get("displayName").asString();
            }
        }
        line.put("description", description);
        line.put("description2", text(posted, "description2", ""));
        line.put("unitOfMeasureCode", text(posted, "unitOfMeasureCode", ""));
        BigDecimal quantity = decimal(posted, "quantity");
        BigDecimal unitPrice = decimal(posted, "unitPrice");
        BigDecimal discount = decimal(posted, "discountAmount");
        line.put("quantity", quantity);
        line.put("unitPrice", unitPrice);
        line.put("discountAmount", discount);
        // Business Central rounds a line amount to the currency's amount rounding precision
        line.put("amountExcludingTax", quantity.multiply(unitPrice).subtract(discount).setScale(decimals,
                RoundingMode.HALF_UP));
        return line;
    }

    // ---- storage ----

    private ObjectNode insert(String set, ObjectNode entity) {
        String entityId = UUID.randomUUID().toString();
        ObjectNode stored = mapper.createObjectNode();
        stored.put("id", entityId);
        stored.setAll(entity);
        touch(stored);
        sets.get(set).put(entityId, stored);
        return stored.deepCopy();
    }

    private ObjectNode existing(String set, String entityId, String ifMatch) {
        ObjectNode entity = sets.get(set).get(entityId);
        if (entity == null) {
            throw new ValidationException(404, "BadRequest_NotFound", "The " + set + " does not exist. Identification "
                    + "fields and values: Id='" + entityId + "'");
        }
        if (ifMatch == null) {
            throw new ValidationException(428, "Request_PreconditionRequired", "Could not validate the client "
                    + "concurrency token required by the service. Please provide a valid token in the client request.");
        }
        if (!"*".equals(ifMatch) && !ifMatch.equals(entity.get("@odata.etag").asString())) {
            throw new ValidationException(412, "Request_EntityChanged", "Another user has already changed the record.");
        }
        return entity;
    }

    private Optional<ObjectNode> byNumber(String set, String number) {
        return sets.get(set).values().stream().filter(e -> number.equals(e.get("number").asString())).findFirst();
    }

    private void touch(ObjectNode entity) {
        long version = etagVersions.incrementAndGet();
        entity.put("@odata.etag", "W/\"JzE5OzE" + Long.toHexString(version) + "MTsn\"");
        entity.put("lastModifiedDateTime", OffsetDateTime.now(ZoneOffset.UTC).toString());
    }

    private static ValidationException alreadyExists(String table, String number) {
        return new ValidationException(400, "Internal_EntityWithSameKeyExists", "The record in table " + table
                + " already exists. Identification fields and values: No.='" + number + "'");
    }

    private static String required(ObjectNode posted, String field, String table) {
        String value = text(posted, field, "");
        if (value.isBlank()) {
            throw new ValidationException(400, "BadRequest", "The field " + field + " of table " + table
                    + " must have a value.");
        }
        return value;
    }

    private static String text(ObjectNode posted, String field, String fallback) {
        JsonNode value = posted.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    private static BigDecimal decimal(ObjectNode posted, String field) {
        JsonNode value = posted.get(field);
        return value == null || value.isNull() ? BigDecimal.ZERO : value.decimalValue();
    }

    /** Lines of a sales document as a separate collection (e.g. {@code salesInvoices({id})/salesInvoiceLines}). */
    synchronized List<ObjectNode> lines(String set, String documentId) {
        Optional<SalesDocument> kind = SalesDocument.of(set);
        ObjectNode document = kind.isEmpty() ? null : sets.get(set).get(documentId);
        if (document == null) {
            return List.of();
        }
        List<ObjectNode> lines = new ArrayList<>();
        document.get(kind.get().lines).forEach(line -> lines.add(((ObjectNode) line).deepCopy()));
        return lines;
    }
}
