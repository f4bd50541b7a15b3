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

import dev.bookingsinvoicing.registration.Nouns;
import dev.bookingsinvoicing.registration.RegistrationStore;

/**
 * The item service's MongoDB collections: the kernel's (items, one state per service in {@value #STATES}, the number
 * series), the services' mappings to their items and the display names in use.
 */
public class ItemStore extends RegistrationStore<ItemRecord, ItemValues, RegistrationOutcome> {

    /** How the service names what it registers: items, {@code bookings.items}, item templates. */
    public static final Nouns NOUNS = new Nouns("item", "items");
    public static final String ITEMS = "items";
    /** businessId/serviceId -> itemNo: inserting here is how a service claims its number, once. */
    public static final String MAPPINGS = "item_mappings";
    /** businessId/normalised display name -> the services using that name. */
    public static final String SERVICE_NAMES = "service_names";
    /** businessId/serviceId -> the discovery applied last, the name and price it gave, the event last published. */
    public static final String STATES = "service_states";

    public ItemStore(MongoTemplate mongo) {
        super(mongo, new Layout(ITEMS, "businessId", STATES, "serviceId", "itemNo"), ItemRecord::of,
                new ItemOutcomeDocuments());
    }

    public Optional<String> mapping(String reference) {
        return Optional.ofNullable(mongo.findById(reference, Document.class, MAPPINGS)).map(d -> d.getString("itemNo"));
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

    /** The state's own part: the name and price the item took from the service. */
    @Override
    protected void writeValues(ItemValues values, Update state) {
        state.set("description", values.description()).set("unitPrice", ItemOutcomeDocuments.price(values.unitPrice()));
    }

    @Override
    protected ItemValues readValues(Document state) {
        return new ItemValues(state.getString("description"), ItemOutcomeDocuments.price(state.getString("unitPrice")));
    }

    private static String nameKey(String businessId, String displayName) {
        return businessId + "/" + ServiceNames.normalise(displayName);
    }
}
