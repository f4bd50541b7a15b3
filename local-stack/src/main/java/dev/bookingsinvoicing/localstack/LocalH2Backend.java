package dev.bookingsinvoicing.localstack;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * mongo-java-server's H2 backend with its unique indexes (the {@code _id} index among them) made cheap to search.
 * <p>
 * The backend keeps each unique index in an MVStore map keyed by {@link KeyValue}, a type H2 does not know: its
 * default key type then orders keys by their Java-serialised bytes and serialises both keys again on every
 * comparison, some 17 comparisons per lookup in a map of 100,000 keys. A flight recording of the benchmark
 * harness found 37% of the whole stack's CPU there (every insert checks and writes the {@code _id} index, every
 * find by {@code _id} reads it). Here each index map remembers the serialised bytes of the keys it has compared
 * (weakly: a key that leaves H2's page cache is forgotten; equal keys share them), so a key is serialised once
 * while its page is cached. The order is the same byte order as before, so files written by the plain backend are
 * read as they are.
 */
final class LocalH2Backend extends H2Backend {

    LocalH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // an inner class: H2Database's constructor opens the existing indexes before a subclass's fields are set,
        // but the outer instance (and so the store) is set already
        return new Database(databaseName);
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            // H2Database opens the map by this name; MVStore hands back the map already open under it
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new SerialisedKeyType()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }

    /** H2's own type for objects it does not know, comparing with the serialised bytes it remembers. */
    static final class SerialisedKeyType extends ObjectDataType {

        private final Map<KeyValue, byte[]> serialised = Collections.synchronizedMap(new WeakHashMap<>());

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) {
                return a == b ? 0 : compareNotNull(bytes(x), bytes(y));
            }
            return super.compare(a, b);
        }

        private byte[] bytes(KeyValue key) {
            return serialised.computeIfAbsent(key, ObjectDataType::serialize);
        }
    }
}
