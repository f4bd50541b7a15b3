package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import dev.bookingsinvoicing.service.registration.NumberCounter;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * The item service's MongoDB collections. Every write is keyed by {@code _id} (insert, upsert or findAndModify),
 * because that is what is atomic and fast everywhere, the embedded server included, and needs no transaction.
 */
public class ItemStore {

    public static final String ITEMS = "items";
    /** businessId/serviceId -> itemNo: inserting here is how a service claims its number, once. */
    public static final String MAPPINGS = "item_mappings";
    /** businessId/normalised display name -> the services using that name. */
    public static final String SERVICE_NAMES = "service_names";
    /** businessId/serviceId -> the discovery applied last, the name and price it gave, the event last published. */
    public static final String STATES = "service_states";
    public static final String NUMBER_SERIES = "number_series";
    static final String SERIES_ID = "items";

    private final MongoTemplate mongo;
    private final NumberCounter numbers;

    public ItemStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.numbers = new NumberCounter(mongo, NUMBER_SERIES, SERIES_ID);
        // what a real MongoDB needs for the dashboard and template-usage queries (the embedded server ignores them)
        mongo.indexOps(ITEMS).createIndex(new Index().on("templateCode", Sort.Direction.ASC));
        mongo.indexOps(ITEMS).createIndex(new Index().on("businessId", Sort.Direction.ASC));
    }

    public Optional<SourceState> state(String reference) {
        Document d = mongo.findById(reference, Document.class, STATES);
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new SourceState(new Discovery(d.getString("appliedEventId"),
                d.getDate("appliedOccurredAt").toInstant()), d.getString("description"),
                OutcomeDocuments.price(d.getString("unitPrice")), d.getString("itemNo"),
                OutcomeDocuments.fromDocument(d.get("lastEvent", Document.class), d.getString("businessId"),
                        d.getString("serviceId"))));
    }

    /**
     * Records what was done with the service, in one write: the discovery applied, the name and price the item took
     * from it, the item and the event published. Written last, so that a crash before it repeats the same work.
     */
    public void saveState(BookingsService service, Discovery applied, String description, BigDecimal unitPrice,
            String itemNo, RegistrationOutcome lastEvent) {
        mongo.upsert(Query.query(Criteria.where("_id").is(service.reference())), new Update()
                .set("businessId", service.businessId())
                .set("serviceId", service.serviceId())
                .set("itemNo", itemNo)
                .set("appliedEventId", applied.eventId())
                .set("appliedOccurredAt", Date.from(applied.occurredAt()))
                .set("description", description)
                .set("unitPrice", OutcomeDocuments.price(unitPrice))
                .set("lastEvent", OutcomeDocuments.toDocument(lastEvent)), STATES);
    }

    /** The last value handed out by the series (0 before the first). */
    public long lastNumber() {
        return numbers.last();
    }

    /** Whether any item was created from the template (a full scan on the embedded server; templates are few). */
    public boolean templateInUse(String templateCode) {
        return mongo.exists(Query.query(Criteria.where("templateCode").is(templateCode)), ITEMS);
    }

    public Optional<String> mapping(String reference) {
        return Optional.ofNullable(mongo.findById(reference, Document.class, MAPPINGS)).map(d -> d.getString("itemNo"));
    }

    /** The next number of the series, formatted (see {@link NumberCounter#nextNumber}). */
    public String nextNumber(NumberSeries series) {
        return numbers.nextNumber(series);
    }

    /** Maps the service to {@code itemNo}; if it was mapped first by someone else, returns their item no. */
    public String claimMapping(BookingsService service, String itemNo) {
        try {
            mongo.insert(new Document("_id", service.reference()).append("businessId", service.businessId())
                    .append("serviceId", service.serviceId()).append("itemNo", itemNo)
                    .append("mappedAt", Instant.now()), MAPPINGS);
            return itemNo;
        } catch (DuplicateKeyException mappedFirstByAnother) {
            return mapping(service.reference()).orElseThrow(() -> new IllegalStateException(
                    "service " + service.reference() + " reported as mapped but not found", mappedFirstByAnother));
        }
    }

    public Optional<ItemRecord> item(String itemNo) {
        return Optional.ofNullable(mongo.findById(itemNo, Document.class, ITEMS)).map(ItemRecord::of);
    }

    /**
     * Creates the item with the template's defaults (which never change afterwards) or updates what Bookings owns:
     * description and unit price. Returns the item as stored.
     */
    public ItemRecord saveItem(String itemNo, BookingsService service, ItemTemplate template, BigDecimal unitPrice) {
        Update update = new Update()
                .setOnInsert("type", ItemTemplate.SERVICE)
                .setOnInsert("baseUnitOfMeasure", template.baseUnitOfMeasure())
                .setOnInsert("templateCode", template.code())
                .setOnInsert("genProdPostingGroup", template.genProdPostingGroup())
                .setOnInsert("vatProdPostingGroup", template.vatProdPostingGroup())
                .setOnInsert("taxGroupCode", template.taxGroupCode())
                .setOnInsert("businessId", service.businessId())
                .setOnInsert("serviceId", service.serviceId())
                .set("description", service.displayName())
                // a string keeps the exact scale-2 amount whatever BigDecimal representation the driver is set to
                .set("unitPrice", unitPrice == null ? null : unitPrice.toPlainString())
                .set("currency", service.currency())
                .set("priceType", service.priceType());
        Document saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(itemNo)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, ITEMS);
        return ItemRecord.of(saved);
    }

    /** Records that the service uses this display name; returns everyone using it in the business. */
    public DuplicateName useName(BookingsService service, String itemNo) {
        Document saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(nameKey(service.businessId(),
                service.displayName()))), new Update()
                        .setOnInsert("businessId", service.businessId())
                        .setOnInsert("displayName", service.displayName())
                        .addToSet("services", new Document("serviceId", service.serviceId()).append("itemNo", itemNo)),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, SERVICE_NAMES);
        return DuplicateName.of(saved);
    }

    /** The service no longer uses its old display name (it was renamed). */
    public void releaseName(String businessId, String oldDisplayName, String serviceId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(nameKey(businessId, oldDisplayName))),
                new Update().pull("services", new Document("serviceId", serviceId)), SERVICE_NAMES);
    }

    /** Names used by more than one service; a full scan, fine for a dashboard (one document per distinct name). */
    public List<DuplicateName> duplicateNames() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, SERVICE_NAMES).stream()
                .map(DuplicateName::of).filter(d -> d.services().size() > 1).toList();
    }

    /** A page of items in number order, optionally only those of one Bookings business. */
    public List<ItemRecord> items(String businessId, int page, int size) {
        Query query = byBusiness(businessId).with(Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, Document.class, ITEMS).stream().map(ItemRecord::of).toList();
    }

    public long countItems(String businessId) {
        return businessId == null ? mongo.estimatedCount(ITEMS) : mongo.count(byBusiness(businessId), ITEMS);
    }

    private static Query byBusiness(String businessId) {
        return businessId == null ? new Query() : Query.query(Criteria.where("businessId").is(businessId));
    }

    private static String nameKey(String businessId, String displayName) {
        return businessId + "/" + ServiceNames.normalise(displayName);
    }
}
