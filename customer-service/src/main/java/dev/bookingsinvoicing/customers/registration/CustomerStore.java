package dev.bookingsinvoicing.customers.registration;

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
 * The customer service's MongoDB collections. Every write is keyed by {@code _id} (insert, upsert or findAndModify),
 * because that is what is atomic and fast everywhere, the embedded server included, and needs no transaction.
 */
public class CustomerStore {

    public static final String CUSTOMERS = "customers";
    /** businessId/bookingsCustomerId -> customerNo, the Bookings values last applied and the event last published. */
    public static final String MAPPINGS = "customer_mappings";
    /** normalised email -> customerNo: inserting here is how a number is claimed for an email, once. */
    public static final String EMAILS = "customer_emails";
    public static final String NUMBER_SERIES = "number_series";
    static final String SERIES_ID = "customers";

    private final MongoTemplate mongo;
    private final NumberCounter numbers;

    public CustomerStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.numbers = new NumberCounter(mongo, NUMBER_SERIES, SERIES_ID);
        // what a real MongoDB needs for the dashboard and template-usage queries (the embedded server ignores them)
        mongo.indexOps(CUSTOMERS).createIndex(new Index().on("templateCode", Sort.Direction.ASC));
        mongo.indexOps(CUSTOMERS).createIndex(new Index().on("bookingsIds.businessId", Sort.Direction.ASC));
        // which other Bookings customers still use an email, when one of them changes it
        mongo.indexOps(MAPPINGS).createIndex(new Index().on("customerNo", Sort.Direction.ASC));
    }

    /** Who holds an email: the customer no., the Bookings customer that created it, and its name at that moment. */
    public record EmailClaim(String customerNo, String claimedBy, String name) {
    }

    public Optional<SourceState> state(String reference) {
        return Optional.ofNullable(mongo.findById(reference, Document.class, MAPPINGS)).map(CustomerStore::stateOf);
    }

    public Optional<EmailClaim> emailClaim(String email) {
        Document found = mongo.findById(email, Document.class, EMAILS);
        return Optional.ofNullable(found).map(d -> new EmailClaim(d.getString("customerNo"), d.getString("claimedBy"),
                d.getString("name")));
    }

    /** The next number of the series, formatted (see {@link NumberCounter#nextNumber}). */
    public String nextNumber(NumberSeries series) {
        return numbers.nextNumber(series);
    }

    /** The last value handed out by the series (0 before the first). */
    public long lastNumber() {
        return numbers.last();
    }

    /** Claims the email for {@code customerNo}; if someone claimed it first, returns their claim instead. */
    public EmailClaim claimEmail(String email, String customerNo, BookingsCustomer claimant) {
        try {
            mongo.insert(new Document("_id", email).append("customerNo", customerNo)
                    .append("claimedBy", claimant.reference()).append("name", claimant.displayName())
                    .append("claimedAt", Instant.now()), EMAILS);
            return new EmailClaim(customerNo, claimant.reference(), claimant.displayName());
        } catch (DuplicateKeyException claimedFirstByAnother) {
            return emailClaim(email).orElseThrow(() -> new IllegalStateException(
                    "email " + email + " reported as claimed but not found", claimedFirstByAnother));
        }
    }

    /**
     * Lets go of an email that matched {@code customerNo}, unless a Bookings customer linked to it other than
     * {@code leaving} still uses it: from then on a new Bookings customer with that address is a new customer (the
     * address may belong to someone else now). An email held by another customer is never touched.
     */
    public void releaseEmail(String email, String customerNo, String leaving) {
        boolean stillUsed = mongo.find(Query.query(Criteria.where("customerNo").is(customerNo)
                .and("_id").ne(leaving)), Document.class, MAPPINGS).stream()
                .map(m -> m.get("snapshot", Document.class))
                .anyMatch(s -> email.equals(EmailAddresses.normalise(s.getString("emailAddress"))));
        if (!stillUsed) {
            mongo.remove(Query.query(Criteria.where("_id").is(email).and("customerNo").is(customerNo)), EMAILS);
        }
    }

    /**
     * Creates the customer if needed (with the template's defaults and the email, which only its creating Bookings
     * customer changes afterwards),
     * records the Bookings customer among its sources, and, when {@code owner} (the Bookings customer that created
     * it), takes its current name, phone and address. Another Bookings customer sharing the email, should it get
     * here first, creates the customer under {@code creatorName}. Returns the customer as stored.
     */
    public CustomerRecord saveCustomer(String customerNo, BookingsCustomer source, String email, CustomerTemplate template,
            boolean owner, String creatorName) {
        Update update = new Update()
                .setOnInsert("email", email)
                .setOnInsert("templateCode", template.code())
                .setOnInsert("customerPostingGroup", template.customerPostingGroup())
                .setOnInsert("genBusPostingGroup", template.genBusPostingGroup())
                .setOnInsert("vatBusPostingGroup", template.vatBusPostingGroup())
                .setOnInsert("paymentTermsCode", template.paymentTermsCode())
                .setOnInsert("paymentMethodCode", template.paymentMethodCode())
                .setOnInsert("currencyCode", template.currencyCode())
                .setOnInsert("countryRegionCode", template.countryRegionCode())
                .setOnInsert("languageCode", template.languageCode())
                .setOnInsert("pricesIncludingVat", template.pricesIncludingVat())
                .addToSet("bookingsIds", new Document("businessId", source.businessId())
                        .append("bookingsCustomerId", source.bookingsCustomerId()));
        // only the creating Bookings customer changes the details, so two Bookings customers sharing an email
        // do not overwrite each other back and forth
        if (owner) {
            update.set("name", source.displayName()).set("phone", source.phone()).set("address", addressOf(source));
        } else {
            update.setOnInsert("name", creatorName == null ? source.displayName() : creatorName);
        }
        Document saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(customerNo)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, CUSTOMERS);
        return CustomerRecord.of(saved);
    }

    /** Sets only the Bookings-owned fields that changed (the email normalised); template fields are never touched. */
    public CustomerRecord updateCustomer(String customerNo, BookingsCustomer source, List<String> changedFields) {
        Update update = new Update();
        if (changedFields.contains(SourceState.NAME)) {
            update.set("name", source.displayName());
        }
        if (changedFields.contains(SourceState.EMAIL)) {
            update.set("email", EmailAddresses.normalise(source.emailAddress()));
        }
        if (changedFields.contains(SourceState.PHONE)) {
            update.set("phone", source.phone());
        }
        if (changedFields.contains(SourceState.ADDRESS)) {
            update.set("address", addressOf(source));
        }
        Document saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(customerNo)), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, CUSTOMERS);
        if (saved == null) {
            throw new IllegalStateException("customer " + customerNo + " is linked but does not exist");
        }
        return CustomerRecord.of(saved);
    }

    /**
     * Records what was done with the Bookings customer, in one write: the discovery applied, its values, the link
     * and the event published. Written after the customer, so that a crash in between repeats the same work.
     */
    public void saveState(BookingsCustomer source, Discovery applied, String customerNo, boolean newCustomer,
            RegistrationOutcome lastEvent) {
        BookingsCustomer.Address address = source.address() == null
                ? new BookingsCustomer.Address(null, null, null, null, null) : source.address();
        mongo.upsert(Query.query(Criteria.where("_id").is(source.reference())), new Update()
                .set("businessId", source.businessId())
                .set("bookingsCustomerId", source.bookingsCustomerId())
                .set("customerNo", customerNo)
                .set("newCustomer", newCustomer)
                .set("appliedEventId", applied.eventId())
                .set("appliedOccurredAt", Date.from(applied.occurredAt()))
                .set("snapshot", new Document("displayName", source.displayName())
                        .append("emailAddress", source.emailAddress()).append("phone", source.phone())
                        .append("street", address.street()).append("city", address.city())
                        .append("state", address.state()).append("postalCode", address.postalCode())
                        .append("countryOrRegion", address.countryOrRegion()))
                .set("lastEvent", OutcomeDocuments.toDocument(lastEvent)), MAPPINGS);
    }

    public Optional<CustomerRecord> customer(String customerNo) {
        return Optional.ofNullable(mongo.findById(customerNo, Document.class, CUSTOMERS)).map(CustomerRecord::of);
    }

    /** A page of customers in number order, optionally only those that came from one Bookings business. */
    public List<CustomerRecord> customers(String businessId, int page, int size) {
        Query query = byBusiness(businessId).with(Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, Document.class, CUSTOMERS).stream().map(CustomerRecord::of).toList();
    }

    public long countCustomers(String businessId) {
        return businessId == null ? mongo.estimatedCount(CUSTOMERS) : mongo.count(byBusiness(businessId), CUSTOMERS);
    }

    /** Whether any customer was created from the template (a full scan on the embedded server; templates are few). */
    public boolean templateInUse(String templateCode) {
        return mongo.exists(Query.query(Criteria.where("templateCode").is(templateCode)), CUSTOMERS);
    }

    private static Query byBusiness(String businessId) {
        return businessId == null ? new Query() : Query.query(Criteria.where("bookingsIds.businessId").is(businessId));
    }

    private static Document addressOf(BookingsCustomer source) {
        BookingsCustomer.Address address = source.address() == null
                ? new BookingsCustomer.Address(null, null, null, null, null) : source.address();
        return new Document("street", address.street()).append("city", address.city())
                .append("state", address.state()).append("postalCode", address.postalCode())
                .append("countryOrRegion", address.countryOrRegion());
    }

    private static SourceState stateOf(Document d) {
        Document s = d.get("snapshot", Document.class);
        BookingsCustomer snapshot = new BookingsCustomer(d.getString("businessId"), d.getString("bookingsCustomerId"),
                s.getString("displayName"), s.getString("emailAddress"), s.getString("phone"),
                new BookingsCustomer.Address(s.getString("street"), s.getString("city"), s.getString("state"),
                        s.getString("postalCode"), s.getString("countryOrRegion")));
        return new SourceState(new Discovery(d.getString("appliedEventId"), d.getDate("appliedOccurredAt").toInstant()),
                snapshot, d.getString("customerNo"), d.getBoolean("newCustomer", false),
                OutcomeDocuments.fromDocument(d.get("lastEvent", Document.class), d.getString("businessId"),
                        d.getString("bookingsCustomerId")));
    }
}
