package dev.bookingsinvoicing.customers.templates;

import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.result.UpdateResult;

import dev.bookingsinvoicing.customers.registration.CustomerStore;
import dev.bookingsinvoicing.customers.registration.CustomerTemplate;
import dev.bookingsinvoicing.service.web.TemplateConflictException;
import dev.bookingsinvoicing.service.web.TemplateNotFoundException;

/**
 * Customer templates in MongoDB ({@code _id} = code): seeded from the configuration, managed over the API, and read
 * by the registrar for each new customer. The default template (the one registration uses) can never be deleted.
 */
public class CustomerTemplates {

    public static final String TEMPLATES = "customer_templates";

    private final MongoTemplate mongo;
    private final CustomerStore customers;
    private final String defaultCode;

    public CustomerTemplates(MongoTemplate mongo, CustomerStore customers, String defaultCode) {
        this.mongo = mongo;
        this.customers = customers;
        this.defaultCode = defaultCode;
    }

    /**
     * Inserts the configured templates that are not stored yet (a template changed over the API keeps its changes
     * across restarts), then fails unless the default template exists: a setup naming a missing template is refused
     * at start-up, not when the first customer arrives.
     */
    public void seedAndCheck(List<CustomerTemplate> configured) {
        for (CustomerTemplate template : configured) {
            Update update = new Update();
            toDocument(template).forEach(update::setOnInsert);
            mongo.upsert(Query.query(Criteria.where("_id").is(template.code())), update, TEMPLATES);
        }
        if (find(defaultCode).isEmpty()) {
            throw new IllegalStateException("bookings.customers.default-template is " + defaultCode
                    + ", but no customer template " + defaultCode + " exists (known: "
                    + list().stream().map(CustomerTemplate::code).toList()
                    + "); add it under bookings.customers.templates or create it over POST /api/customer-templates");
        }
    }

    public String defaultCode() {
        return defaultCode;
    }

    /** The template registration applies; it exists because it cannot be deleted and was checked at start-up. */
    public CustomerTemplate defaultTemplate() {
        return find(defaultCode).orElseThrow(() -> new IllegalStateException(
                "default customer template " + defaultCode + " has disappeared from " + TEMPLATES));
    }

    public Optional<CustomerTemplate> find(String code) {
        return Optional.ofNullable(mongo.findById(code, Document.class, TEMPLATES)).map(CustomerTemplates::fromDocument);
    }

    public List<CustomerTemplate> list() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, TEMPLATES).stream()
                .map(CustomerTemplates::fromDocument).toList();
    }

    public CustomerTemplate create(CustomerTemplate template) {
        try {
            mongo.insert(toDocument(template).append("_id", template.code()), TEMPLATES);
            return template;
        } catch (DuplicateKeyException exists) {
            throw new TemplateConflictException("customer template " + template.code() + " already exists; "
                    + "change it with PUT /api/customer-templates/" + template.code());
        }
    }

    /** Replaces the template's defaults; they apply to customers created from now on, never to existing ones. */
    public CustomerTemplate update(CustomerTemplate template) {
        Update update = new Update();
        toDocument(template).forEach(update::set);
        UpdateResult result = mongo.updateFirst(Query.query(Criteria.where("_id").is(template.code())), update,
                TEMPLATES);
        if (result.getMatchedCount() == 0) {
            throw new TemplateNotFoundException("no customer template " + template.code());
        }
        return template;
    }

    /** Deletes a template no customer was created from and that is not the default. */
    public void delete(String code) {
        if (find(code).isEmpty()) {
            throw new TemplateNotFoundException("no customer template " + code);
        }
        if (code.equals(defaultCode)) {
            throw new TemplateConflictException("customer template " + code
                    + " is the default template (bookings.customers.default-template) and cannot be deleted");
        }
        if (customers.templateInUse(code)) {
            throw new TemplateConflictException("customer template " + code
                    + " is in use: customers were created from it, so it cannot be deleted");
        }
        mongo.remove(Query.query(Criteria.where("_id").is(code)), TEMPLATES);
    }

    private static Document toDocument(CustomerTemplate t) {
        return new Document("description", t.description()).append("customerPostingGroup", t.customerPostingGroup())
                .append("genBusPostingGroup", t.genBusPostingGroup()).append("vatBusPostingGroup", t.vatBusPostingGroup())
                .append("paymentTermsCode", t.paymentTermsCode()).append("paymentMethodCode", t.paymentMethodCode())
                .append("currencyCode", t.currencyCode()).append("countryRegionCode", t.countryRegionCode())
                .append("languageCode", t.languageCode()).append("pricesIncludingVat", t.pricesIncludingVat());
    }

    private static CustomerTemplate fromDocument(Document d) {
        return new CustomerTemplate(d.getString("_id"), d.getString("description"), d.getString("customerPostingGroup"),
                d.getString("genBusPostingGroup"), d.getString("vatBusPostingGroup"), d.getString("paymentTermsCode"),
                d.getString("paymentMethodCode"), d.getString("currencyCode"), d.getString("countryRegionCode"),
                d.getString("languageCode"), d.getBoolean("pricesIncludingVat", false));
    }
}
