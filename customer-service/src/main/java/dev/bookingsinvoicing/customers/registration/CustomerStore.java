package dev.bookingsinvoicing.customers.registration;

import java.time.Instant;
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

import dev.bookingsinvoicing.registration.Nouns;
import dev.bookingsinvoicing.registration.RegistrationStore;

/**
 * The customer service's MongoDB collections: the kernel's (customers, one state per Bookings customer in
 * {@value #MAPPINGS}, the number series) and the email claims that match Bookings customers to customers.
 */
public class CustomerStore extends RegistrationStore<CustomerRecord, CustomerLink, RegistrationOutcome> {

    /** How the service names what it registers: customers, {@code bookings.customers}, customer templates. */
    public static final Nouns NOUNS = new Nouns("customer", "customers");
    public static final String CUSTOMERS = "customers";
    /** businessId/bookingsCustomerId -> customerNo, the Bookings values last applied and the event last published. */
    public static final String MAPPINGS = "customer_mappings";
    /** normalised email -> customerNo: inserting here is how a number is claimed for an email, once. */
    public static final String EMAILS = "customer_emails";

    public CustomerStore(MongoTemplate mongo) {
        super(mongo, new Layout(CUSTOMERS, "bookingsIds.businessId", MAPPINGS, "bookingsCustomerId", "customerNo"),
                CustomerRecord::of, new CustomerOutcomeDocuments());
        // which other Bookings customers still use an email, when one of them changes it
        mongo.indexOps(MAPPINGS).createIndex(new Index().on("customerNo", Sort.Direction.ASC));
    }

    /** Who holds an email: the customer no., the Bookings customer that created it, and its name at that moment. */
    public record EmailClaim(String customerNo, String claimedBy, String name) {
    }

    public Optional<EmailClaim> emailClaim(String email) {
        Document found = mongo.findById(email, Document.class, EMAILS);
        return Optional.ofNullable(found).map(d -> new EmailClaim(d.getString("customerNo"), d.getString("claimedBy"),
                d.getString("name")));
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
        if (changedFields.contains(CustomerLink.NAME)) {
            update.set("name", source.displayName());
        }
        if (changedFields.contains(CustomerLink.EMAIL)) {
            update.set("email", EmailAddresses.normalise(source.emailAddress()));
        }
        if (changedFields.contains(CustomerLink.PHONE)) {
            update.set("phone", source.phone());
        }
        if (changedFields.contains(CustomerLink.ADDRESS)) {
            update.set("address", addressOf(source));
        }
        Document saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(customerNo)), update,
                FindAndModifyOptions.options().returnNew(true), Document.class, CUSTOMERS);
        if (saved == null) {
            throw new IllegalStateException("customer " + customerNo + " is linked but does not exist");
        }
        return CustomerRecord.of(saved);
    }

    /** The state's own part: whether the Bookings customer created its customer, and its values applied last. */
    @Override
    protected void writeValues(CustomerLink link, Update state) {
        BookingsCustomer source = link.snapshot();
        BookingsCustomer.Address address = CustomerLink.orEmpty(source.address());
        state.set("newCustomer", link.newCustomer())
                .set("snapshot", new Document("displayName", source.displayName())
                        .append("emailAddress", source.emailAddress()).append("phone", source.phone())
                        .append("street", address.street()).append("city", address.city())
                        .append("state", address.state()).append("postalCode", address.postalCode())
                        .append("countryOrRegion", address.countryOrRegion()));
    }

    @Override
    protected CustomerLink readValues(Document state) {
        Document s = state.get("snapshot", Document.class);
        BookingsCustomer snapshot = new BookingsCustomer(state.getString("businessId"),
                state.getString("bookingsCustomerId"), s.getString("displayName"), s.getString("emailAddress"),
                s.getString("phone"), new BookingsCustomer.Address(s.getString("street"), s.getString("city"),
                        s.getString("state"), s.getString("postalCode"), s.getString("countryOrRegion")));
        return new CustomerLink(snapshot, state.getBoolean("newCustomer", false));
    }

    private static Document addressOf(BookingsCustomer source) {
        BookingsCustomer.Address address = CustomerLink.orEmpty(source.address());
        return new Document("street", address.street()).append("city", address.city())
                .append("state", address.state()).append("postalCode", address.postalCode())
                .append("countryOrRegion", address.countryOrRegion());
    }
}
