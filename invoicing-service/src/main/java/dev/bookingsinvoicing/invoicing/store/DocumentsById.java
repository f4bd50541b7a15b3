package dev.bookingsinvoicing.invoicing.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * Reads and writes documents by {@code _id}, in the shapes both a real MongoDB and the embedded server serve fast:
 * {@code $in} reads and deletes in {@link IdBatches}, bulk replaces in one round trip, inserts in unordered chunks
 * that report which ids existed already; and pages of listings. The repositories of the view and of the commands
 * use it, so that no handler talks to the driver and the store's limits are written down once.
 */
@Component
public class DocumentsById {

    /**
     * Documents per insertMany: one call with a million documents ran at ~4k docs/s on the embedded server, chunks
     * of 10,000 at ~20k docs/s.
     */
    public static final int WRITE_BATCH = 10_000;

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    public DocumentsById(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public <T> Optional<T> find(String id, Class<T> type) {
        return Optional.ofNullable(mongo.findById(id, type));
    }

    /** The documents with these ids that exist, in no particular order. */
    public <T> List<T> find(Collection<String> ids, Class<T> type) {
        return find(ids, type, List.of());
    }

    private <T> List<T> find(Collection<String> ids, Class<T> type, List<String> excluded) {
        List<T> found = new ArrayList<>();
        for (List<String> batch : IdBatches.of(ids)) {
            Query query = query(where("_id").in(batch));
            excluded.forEach(field -> query.fields().exclude(field));
            found.addAll(mongo.find(query, type));
        }
        return found;
    }

    /** The documents with these ids that exist, by id. */
    public <T> Map<String, T> byId(Collection<String> ids, Class<T> type, Function<T, String> id) {
        return byId(ids, type, id, List.of());
    }

    /**
     * The documents with these ids that exist, by id, read without the {@code excluded} fields (they are null or
     * empty in what is returned): for a look-up that does not need a document's bulk.
     */
    public <T> Map<String, T> byId(Collection<String> ids, Class<T> type, Function<T, String> id,
            List<String> excluded) {
        Map<String, T> byId = new LinkedHashMap<>();
        find(ids, type, excluded).forEach(d -> byId.putIfAbsent(id.apply(d), d));
        return byId;
    }

    /** Inserts or replaces each document by its id, in one bulk write. */
    public <T> void upsertAll(Collection<T> documents, Class<T> type, Function<T, String> id) {
        replaceAll(documents, type, id, FindAndReplaceOptions.options().upsert());
    }

    /** Replaces those of the documents that exist, in one bulk write; a document deleted meanwhile stays deleted. */
    public <T> void replaceExisting(Collection<T> documents, Class<T> type, Function<T, String> id) {
        replaceAll(documents, type, id, FindAndReplaceOptions.none());
    }

    /** Deletes the documents with these ids (and, when given, this field value) from the collection. */
    public void deleteAll(String collection, Collection<String> ids, String field, Object value) {
        for (List<String> batch : IdBatches.of(ids)) {
            Document filter = new Document("_id", new Document("$in", batch));
            if (field != null) {
                filter.append(field, value);
            }
            mongo.getCollection(collection).deleteMany(filter);
        }
    }

    public void deleteAll(String collection, Collection<String> ids) {
        deleteAll(collection, ids, null, null);
    }

    /**
     * Inserts the documents in unordered chunks of {@value #WRITE_BATCH} and returns the ids that existed already
     * (their documents are left as they were); a unique {@code _id} makes each insert atomic in any MongoDB.
     */
    public List<String> insertNew(String collection, List<Document> documents) {
        List<String> existing = new ArrayList<>();
        for (int from = 0; from < documents.size(); from += WRITE_BATCH) {
            List<Document> chunk = documents.subList(from, Math.min(documents.size(), from + WRITE_BATCH));
            try {
                mongo.getCollection(collection).insertMany(chunk, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCode() != DUPLICATE_KEY) {
                        throw e;
                    }
                    existing.add(String.valueOf(chunk.get(error.getIndex()).get("_id")));
                }
            }
        }
        return existing;
    }

    /**
     * Inserts or replaces raw documents by their {@code _id}, for documents that are mostly new (a new appointment's
     * rows and state): an unordered insertMany in chunks, then one bulk replace of those that existed. The embedded
     * server spends about twice as long on an upsert as on an insert (an {@code _id} look-up, then the insert).
     */
    public void upsertAll(String collection, List<Document> documents) {
        List<String> existing = insertNew(collection, documents);
        if (existing.isEmpty()) {
            return;
        }
        Set<String> replace = new HashSet<>(existing);
        List<WriteModel<Document>> replacements = documents.stream()
                .filter(d -> replace.contains(String.valueOf(d.get("_id"))))
                .<WriteModel<Document>>map(d -> new ReplaceOneModel<>(new Document("_id", d.get("_id")), d,
                        new ReplaceOptions().upsert(true))).toList();
        bulkWrite(collection, replacements);
    }

    /**
     * Writes the models unordered, in chunks of {@value #WRITE_BATCH}; returns how many documents they matched
     * (updated, replaced or deleted).
     */
    public long bulkWrite(String collection, List<WriteModel<Document>> models) {
        long matched = 0;
        for (int from = 0; from < models.size(); from += WRITE_BATCH) {
            BulkWriteResult result = mongo.getCollection(collection).bulkWrite(models.subList(from,
                    Math.min(models.size(), from + WRITE_BATCH)), new BulkWriteOptions().ordered(false));
            matched += result.getMatchedCount() + result.getDeletedCount();
        }
        return matched;
    }

    /** Raw documents matching a filter, read in cursor batches (the embedded server caps one reply at 48 MB). */
    public List<Document> findRaw(String collection, Document filter) {
        List<Document> found = new ArrayList<>();
        mongo.getCollection(collection).find(filter).batchSize(WRITE_BATCH).forEach(found::add);
        return found;
    }

    /** One page of the raw documents matching {@code criteria} in {@code sort} order, and how many match in all. */
    public StoredPage page(String collection, Criteria criteria, Sort sort, long offset, int limit) {
        long total = mongo.count(query(criteria), collection);
        List<Document> documents = mongo.find(query(criteria).with(sort).skip(offset).limit(limit), Document.class,
                collection);
        return new StoredPage(documents, total);
    }

    public void delete(String id, Class<?> type) {
        mongo.remove(query(where("_id").is(id)), type);
    }

    /** Inserts the document, or returns the one with its id that was there first (a racing attempt's). */
    public <T> T insertOrExisting(T document, Class<T> type, String id) {
        try {
            return mongo.insert(document);
        } catch (DuplicateKeyException raced) {
            return mongo.findById(id, type);
        }
    }

    private <T> void replaceAll(Collection<T> documents, Class<T> type, Function<T, String> id,
            FindAndReplaceOptions options) {
        if (documents.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
        for (T document : documents) {
            bulk.replaceOne(query(where("_id").is(id.apply(document))), document, options);
        }
        bulk.execute();
    }
}
