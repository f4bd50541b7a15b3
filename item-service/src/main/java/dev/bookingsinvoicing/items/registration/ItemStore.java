package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

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
    public static final String NUMBER_SERIES = "number_series";
    static final String SERIES_ID = "items";

    private final MongoTemplate mongo;

    public ItemStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<String> mapping(String reference) {
        return Optional.ofNullable(mongo.findById(reference, Document.class, MAPPINGS)).map(d -> d.getString("itemNo"));
    }

    /**
     * The next value of the series: an atomic $inc, so two instances never get the same value. A value whose
     * claim is then lost is simply skipped (a gap, never a duplicate).
     */
    public long nextNumber(int step) {
        Document series = mongo.findAndModify(Query.query(Criteria.where("_id").is(SERIES_ID)),
                new Update().inc("last", step), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, NUMBER_SERIES);
        return ((Number) series.get("last")).longValue();
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

    /** A page of items in number order. */
    public List<ItemRecord> items(int page, int size) {
        Query query = new Query().with(Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, Document.class, ITEMS).stream().map(ItemRecord::of).toList();
    }

    public long countItems() {
        return mongo.estimatedCount(ITEMS);
    }

    private static String nameKey(String businessId, String displayName) {
        return businessId + "/" + ServiceNames.normalise(displayName);
    }
}
