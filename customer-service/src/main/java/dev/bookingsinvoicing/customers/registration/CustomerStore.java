package dev.bookingsinvoicing.customers.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The customer service's MongoDB collections. Every write is keyed by {@code _id} (insert, upsert or findAndModify),
 * because that is what is atomic and fast everywhere, the embedded server included, and needs no transaction.
 */
public class CustomerStore {

    public static final String CUSTOMERS = "customers";
    /** businessId/bookingsCustomerId -> customerNo. */
    public static final String MAPPINGS = "customer_mappings";
    /** normalised email -> customerNo: inserting here is how a number is claimed for an email, once. */
    public static final String EMAILS = "customer_emails";
    public static final String NUMBER_SERIES = "number_series";
    static final String SERIES_ID = "customers";

    private final MongoTemplate mongo;

    public CustomerStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The customer a Bookings customer was linked to, and whether that link created the customer. */
    public record Link(String customerNo, boolean newCustomer) {
    }

    /**
     * Who holds an email: the customer no., the Bookings customer ({@code businessId/id}) that created it, and its
     * name at that moment (so that whoever writes the customer first writes the creator's name).
     */
    public record EmailClaim(String customerNo, String claimedBy, String name) {
    }

    public Optional<Link> mapping(String reference) {
        Document found = mongo.findById(reference, Document.class, MAPPINGS);
        return Optional.ofNullable(found).map(d -> new Link(d.getString("customerNo"), d.getBoolean("newCustomer", false)));
    }

    public Optional<EmailClaim> emailClaim(String email) {
        Document found = mongo.findById(email, Document.class, EMAILS);
        return Optional.ofNullable(found).map(d -> new EmailClaim(d.getString("customerNo"), d.getString("claimedBy"),
                d.getString("name")));
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
     * Creates the customer if needed (with the template's defaults and the email, which never change afterwards),
     * records the Bookings customer among its sources, and, when {@code owner} (the Bookings customer that created
     * it), takes its current name, phone and address. Another Bookings customer sharing the email, should it get
     * here first, creates the customer under {@code creatorName}. Returns the customer as stored.
     */
    public CustomerRecord saveCustomer(String customerNo, BookingsCustomer source, String email, CustomerTemplate template,
            boolean owner, String creatorName) {
        BookingsCustomer.Address address = source.address() == null
                ? new BookingsCustomer.Address(null, null, null, null, null) : source.address();
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
        Document details = new Document("street", address.street()).append("city", address.city())
                .append("state", address.state()).append("postalCode", address.postalCode())
                .append("countryOrRegion", address.countryOrRegion());
        // only the creating Bookings customer changes the details, so two Bookings customers sharing an email
        // do not overwrite each other back and forth
        if (owner) {
            update.set("name", source.displayName()).set("phone", source.phone()).set("address", details);
        } else {
            update.setOnInsert("name", creatorName == null ? source.displayName() : creatorName);
        }
        Document saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(customerNo)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, CUSTOMERS);
        return CustomerRecord.of(saved);
    }

    /** Links the Bookings customer to the customer; written last, so its presence means the rest is stored. */
    public void saveMapping(BookingsCustomer source, Link link) {
        mongo.upsert(Query.query(Criteria.where("_id").is(source.reference())), new Update()
                .set("businessId", source.businessId())
                .set("bookingsCustomerId", source.bookingsCustomerId())
                .set("customerNo", link.customerNo())
                .set("newCustomer", link.newCustomer()), MAPPINGS);
    }

    public Optional<CustomerRecord> customer(String customerNo) {
        return Optional.ofNullable(mongo.findById(customerNo, Document.class, CUSTOMERS)).map(CustomerRecord::of);
    }

    /** A page of customers in number order. */
    public List<CustomerRecord> customers(int page, int size) {
        Query query = new Query().with(org.springframework.data.domain.Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, Document.class, CUSTOMERS).stream().map(CustomerRecord::of).toList();
    }

    public long countCustomers() {
        return mongo.estimatedCount(CUSTOMERS);
    }
}
