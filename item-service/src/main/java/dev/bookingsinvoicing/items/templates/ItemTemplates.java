package dev.bookingsinvoicing.items.templates;

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

import dev.bookingsinvoicing.items.registration.ItemStore;
import dev.bookingsinvoicing.items.registration.ItemTemplate;
import dev.bookingsinvoicing.service.web.TemplateConflictException;
import dev.bookingsinvoicing.service.web.TemplateNotFoundException;

/**
 * Item templates in MongoDB ({@code _id} = code): seeded from the configuration, managed over the API, and read
 * by the registrar for each new item. The default template (the one registration uses) can never be deleted.
 */
public class ItemTemplates {

    public static final String TEMPLATES = "item_templates";

    private final MongoTemplate mongo;
    private final ItemStore items;
    private final String defaultCode;

    public ItemTemplates(MongoTemplate mongo, ItemStore items, String defaultCode) {
        this.mongo = mongo;
        this.items = items;
        this.defaultCode = defaultCode;
    }

    /**
     * Inserts the configured templates that are not stored yet (a template changed over the API keeps its changes
     * across restarts), then fails unless the default template exists: a setup naming a missing template is refused
     * at start-up, not when the first service arrives.
     */
    public void seedAndCheck(List<ItemTemplate> configured) {
        for (ItemTemplate template : configured) {
            Update update = new Update();
            toDocument(template).forEach(update::setOnInsert);
            mongo.upsert(Query.query(Criteria.where("_id").is(template.code())), update, TEMPLATES);
        }
        if (find(defaultCode).isEmpty()) {
            throw new IllegalStateException("bookings.items.default-template is " + defaultCode
                    + ", but no item template " + defaultCode + " exists (known: "
                    + list().stream().map(ItemTemplate::code).toList()
                    + "); add it under bookings.items.templates or create it over POST /api/item-templates");
        }
    }

    public String defaultCode() {
        return defaultCode;
    }

    /** The template registration applies; it exists because it cannot be deleted and was checked at start-up. */
    public ItemTemplate defaultTemplate() {
        return find(defaultCode).orElseThrow(() -> new IllegalStateException(
                "default item template " + defaultCode + " has disappeared from " + TEMPLATES));
    }

    public Optional<ItemTemplate> find(String code) {
        return Optional.ofNullable(mongo.findById(code, Document.class, TEMPLATES)).map(ItemTemplates::fromDocument);
    }

    public List<ItemTemplate> list() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, TEMPLATES).stream()
                .map(ItemTemplates::fromDocument).toList();
    }

    public ItemTemplate create(ItemTemplate template) {
        try {
            mongo.insert(toDocument(template).append("_id", template.code()), TEMPLATES);
            return template;
        } catch (DuplicateKeyException exists) {
            throw new TemplateConflictException("item template " + template.code() + " already exists; "
                    + "change it with PUT /api/item-templates/" + template.code());
        }
    }

    /** Replaces the template's defaults; they apply to items created from now on, never to existing ones. */
    public ItemTemplate update(ItemTemplate template) {
        Update update = new Update();
        toDocument(template).forEach(update::set);
        UpdateResult result = mongo.updateFirst(Query.query(Criteria.where("_id").is(template.code())), update,
                TEMPLATES);
        if (result.getMatchedCount() == 0) {
            throw new TemplateNotFoundException("no item template " + template.code());
        }
        return template;
    }

    /** Deletes a template no item was created from and that is not the default. */
    public void delete(String code) {
        if (find(code).isEmpty()) {
            throw new TemplateNotFoundException("no item template " + code);
        }
        if (code.equals(defaultCode)) {
            throw new TemplateConflictException("item template " + code
                    + " is the default template (bookings.items.default-template) and cannot be deleted");
        }
        if (items.templateInUse(code)) {
            throw new TemplateConflictException("item template " + code
                    + " is in use: items were created from it, so it cannot be deleted");
        }
        mongo.remove(Query.query(Criteria.where("_id").is(code)), TEMPLATES);
    }

    private static Document toDocument(ItemTemplate t) {
        return new Document("description", t.description()).append("type", ItemTemplate.SERVICE)
                .append("baseUnitOfMeasure", t.baseUnitOfMeasure()).append("genProdPostingGroup", t.genProdPostingGroup())
                .append("vatProdPostingGroup", t.vatProdPostingGroup()).append("taxGroupCode", t.taxGroupCode())
                .append("useBookingsPriceAsUnitPrice", t.useBookingsPriceAsUnitPrice());
    }

    private static ItemTemplate fromDocument(Document d) {
        return new ItemTemplate(d.getString("_id"), d.getString("description"), d.getString("type"),
                d.getString("baseUnitOfMeasure"), d.getString("genProdPostingGroup"), d.getString("vatProdPostingGroup"),
                d.getString("taxGroupCode"), d.getBoolean("useBookingsPriceAsUnitPrice", true));
    }
}
