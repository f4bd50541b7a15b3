package dev.bookingsinvoicing.registration;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.mongodb.client.result.UpdateResult;

import dev.bookingsinvoicing.service.web.TemplateConflictException;
import dev.bookingsinvoicing.service.web.TemplateNotFoundException;

/**
 * A service's templates in MongoDB ({@code _id} = code, collection {@code <noun>_templates}): seeded from the
 * configuration, managed over the API, and read by the registrar for each new record. The default template (the one
 * registration uses) can never be deleted, nor one that records were created from. A service's subclass says how its
 * template is stored.
 */
public abstract class Templates<T extends Template> {

    private final MongoTemplate mongo;
    private final Nouns nouns;
    private final Predicate<String> inUse;
    private final String defaultCode;
    private final String collection;

    /** @param inUse whether records were created from the template with this code */
    protected Templates(MongoTemplate mongo, Nouns nouns, Predicate<String> inUse, String defaultCode) {
        this.mongo = mongo;
        this.nouns = nouns;
        this.inUse = inUse;
        this.defaultCode = defaultCode;
        this.collection = nouns.templateCollection();
    }

    /** The template's defaults as stored, without its code (the {@code _id}). */
    protected abstract Document toDocument(T template);

    protected abstract T fromDocument(Document d);

    /**
     * Inserts the configured templates that are not stored yet (a template changed over the API keeps its changes
     * across restarts), then fails unless the default template exists: a setup naming a missing template is refused
     * at start-up, not when the first record arrives.
     */
    public void seedAndCheck(List<T> configured) {
        for (T template : configured) {
            Update update = new Update();
            toDocument(template).forEach(update::setOnInsert);
            mongo.upsert(Query.query(Criteria.where("_id").is(template.code())), update, collection);
        }
        if (find(defaultCode).isEmpty()) {
            throw new IllegalStateException(nouns.settings() + ".default-template is " + defaultCode + ", but no "
                    + nouns.singular() + " template " + defaultCode + " exists (known: "
                    + list().stream().map(Template::code).toList() + "); add it under " + nouns.settings()
                    + ".templates or create it over POST " + nouns.templatePath());
        }
    }

    public String defaultCode() {
        return defaultCode;
    }

    /** Where the template with this code is served, e.g. {@code /api/customer-templates/BOOKINGS}. */
    public String path(String code) {
        return nouns.templatePath() + "/" + code;
    }

    /** The template registration applies; it exists because it cannot be deleted and was checked at start-up. */
    public T defaultTemplate() {
        return find(defaultCode).orElseThrow(() -> new IllegalStateException(
                "default " + nouns.singular() + " template " + defaultCode + " has disappeared from " + collection));
    }

    public Optional<T> find(String code) {
        return Optional.ofNullable(mongo.findById(code, Document.class, collection)).map(this::fromDocument);
    }

    /** The template with this code, or a TemplateNotFoundException (404). */
    public T get(String code) {
        return find(code).orElseThrow(() -> notFound(code));
    }

    public List<T> list() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, collection).stream()
                .map(this::fromDocument).toList();
    }

    public T create(T template) {
        try {
            mongo.insert(toDocument(template).append("_id", template.code()), collection);
            return template;
        } catch (DuplicateKeyException exists) {
            throw new TemplateConflictException(nouns.singular() + " template " + template.code()
                    + " already exists; change it with PUT " + path(template.code()));
        }
    }

    /** Replaces the template's defaults; they apply to records created from now on, never to existing ones. */
    public T update(T template) {
        Update update = new Update();
        toDocument(template).forEach(update::set);
        UpdateResult result = mongo.updateFirst(Query.query(Criteria.where("_id").is(template.code())), update,
                collection);
        if (result.getMatchedCount() == 0) {
            throw notFound(template.code());
        }
        return template;
    }

    /** Deletes a template no record was created from and that is not the default. */
    public void delete(String code) {
        get(code);
        if (code.equals(defaultCode)) {
            throw new TemplateConflictException(nouns.singular() + " template " + code + " is the default template ("
                    + nouns.settings() + ".default-template) and cannot be deleted");
        }
        if (inUse.test(code)) {
            throw new TemplateConflictException(nouns.singular() + " template " + code + " is in use: "
                    + nouns.plural() + " were created from it, so it cannot be deleted");
        }
        mongo.remove(Query.query(Criteria.where("_id").is(code)), collection);
    }

    private TemplateNotFoundException notFound(String code) {
        return new TemplateNotFoundException("no " + nouns.singular() + " template " + code);
    }
}
