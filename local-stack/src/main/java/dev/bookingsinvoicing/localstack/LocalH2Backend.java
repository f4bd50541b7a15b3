package dev.bookingsinvoicing.localstack;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend with its unique indexes cheap to search and its documents cheap to store.
 * <p>
 * <b>Indexes.</b> The backend keeps each unique index (the {@code _id} index of every collection among them) in an
 * MVStore map keyed by {@link KeyValue}, a type H2 does not know: its default key type then orders keys by their
 * Java-serialised bytes and serialises both keys again on every comparison, some 17 comparisons per lookup in a map
 * of 100,000 keys. Here each index map compares most keys without serialising them and remembers the bytes of the
 * others ({@link SerialisedKeyType}). The order is the same byte order as before, so files written by the plain
 * backend are read as they are.
 * <p>
 * <b>Documents.</b> The backend stores each document in the collection's map with H2's default value type, which
 * Java-serialises it (a new {@code ObjectOutputStream} per document, every time its page is written). Here the
 * collections' maps write documents as BSON with the server's own encoder ({@link BsonDocumentType}) and still read
 * the Java-serialised documents of files written before.
 */
final class LocalH2Backend extends H2Backend {

    LocalH2Backend(MVStore store) {
        super(store);
    }

    /**
     * Runs each command on a version of the store that H2 keeps while the command runs. A command that scans a
     * collection walks one version of its map; H2 drops the chunks of versions nobody has registered once its
     * retention time (45 s) has passed, and a scan of a million documents while others write outlived that:
     * "Chunk 815 not found" in the benchmark harness at 1,000,000 bookings (h2database issues #2118 and #4218, where
     * registering the version in use is the remedy reported; pull request #4382 reproduces it). The server collects
     * a query's documents within its command, so a cursor's later batches do not read the map.
     */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return onKeptVersion(() -> super.handleCommand(channel, databaseName, command, query));
    }

    /** The legacy query message (OP_QUERY), kept on its version as {@link #handleCommand} is. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return onKeptVersion(() -> super.handleQuery(query));
    }

    private <T> T onKeptVersion(Supplier<T> work) {
        MVStore.TxCounter inUse = getMvStore().registerVersionUsage();
        try {
            return work.get();
        } finally {
            getMvStore().deregisterVersionUsage(inUse);
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // an inner class: H2Database's constructor opens the existing collections and indexes before a subclass's
        // fields are set, but the outer instance (and so the store) is set already
        return new Database(databaseName);
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        // H2Database opens its maps by these names; MVStore hands back a map already open under a name as it is, so
        // opening it first with our types decides the types H2Database gets

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            getMvStore().openMap("databases." + getFullCollectionNamespace(collectionName),
                    new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
            return super.openOrCreateCollection(collectionName, options);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new SerialisedKeyType()));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }

    /**
     * H2's own type for objects it does not know, ordering keys as it always has, by their Java-serialised bytes,
     * without serialising them on every comparison.
     * <p>
     * Most keys are one string of ASCII characters (the view's and the registrations' ids). Java serialisation writes
     * every such key as the same bytes up to the string, then the string's length in two bytes, then its characters,
     * then one end byte: the byte order of two of them is their length order, then their character order, and they
     * are compared so ({@link #plainText}). The exception is the one string the bytes before it already hold as a
     * string object (a later equal string is written as a reference to it): the type of {@code KeyValue}'s field,
     * {@value #FIELD_TYPE}. Every other key is compared by its bytes, remembered: those of the key being searched
     * for (one per thread, the last one: a binary search compares it with every key on its path) and those of the
     * keys stored in the map's pages, weakly and by identity (a stored key lives as long as its page is cached, and is
     * the same object at every comparison meanwhile).
     * <p>
     * The first version remembered every key's bytes in a synchronised {@code WeakHashMap}; a flight recording of the
     * harness at 100,000 bookings then found a quarter of the MongoDB server's CPU in that map, hashing and comparing
     * the keys' values to find equal keys, and remembering them by identity still left a fifth in the cache and the
     * searched keys' serialisation.
     */
    static final class SerialisedKeyType extends ObjectDataType {

        static final String FIELD_TYPE = "Ljava/util/List;";

        private final Cache<KeyValue, byte[]> stored = Caffeine.newBuilder().weakKeys().build();
        private final ThreadLocal<Searched> searched = ThreadLocal.withInitial(Searched::new);

        private static final class Searched {
            private KeyValue key;
            private byte[] bytes;
        }

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue x && b instanceof KeyValue y) {
                if (a == b) {
                    return 0;
                }
                String s = plainText(x);
                String t = s == null ? null : plainText(y);
                if (t != null) {
                    return s.length() != t.length() ? Integer.compare(s.length(), t.length())
                            : Integer.signum(s.compareTo(t));
                }
                return compareNotNull(searched(x), stored(y));
            }
            return super.compare(a, b);
        }

        /**
         * The key's one value if it is a string that Java serialisation writes as its length in two bytes and then
         * its characters, one byte each (1 to 127); otherwise null.
         */
        static String plainText(KeyValue key) {
            if (key.size() != 1 || !(key.get(0) instanceof String text) || text.length() > 0xFFFF
                    || text.equals(FIELD_TYPE)) {
                return null;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0 || c > 127) {
                    return null;
                }
            }
            return text;
        }

        private byte[] searched(KeyValue key) {
            Searched last = searched.get();
            if (last.key != key) {
                last.bytes = stored.getIfPresent(key);
                if (last.bytes == null) {
                    last.bytes = serialize(key);
                }
                last.key = key;
            }
            return last.bytes;
        }

        private byte[] stored(KeyValue key) {
            return stored.get(key, ObjectDataType::serialize);
        }
    }

    /**
     * Documents as BSON, written by the embedded server's own encoder and read by its decoder (what the server does
     * with every document it receives or answers), behind a tag byte that H2's {@link ObjectDataType} never writes
     * (its tags are 0 to 119): a value without it is one that the plain backend Java-serialised, and is read that way.
     */
    static final class BsonDocumentType extends BasicDataType<Document> {

        static final byte BSON = (byte) 0xBE;

        /**
         * Bytes of heap per byte of BSON of a decoded document: a view row of 380 bytes of BSON took 2,515 bytes as
         * the server's {@code Document} (100,000 of them decoded, the heap measured after a full collection).
         */
        static final int HEAP_PER_BSON_BYTE = 7;

        private final ObjectDataType serialised = new ObjectDataType();
        // the average size of the documents written and read, in BSON, as H2's own type for serialised objects keeps
        // the average of their serialised sizes
        private volatile int averageSize = 400;

        /**
         * What H2 counts a document as in its page cache, which it keeps within {@code LocalMongoServer.h2CacheMb}
         * by this count: the heap the average document takes.
         */
        @Override
        public int getMemory(Document document) {
            return averageSize * HEAP_PER_BSON_BYTE;
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            ByteBuf bson = Unpooled.buffer(averageSize);
            try {
                BsonEncoder.encodeDocument(document, bson);
                buffer.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
                seen(bson.readableBytes());
            } finally {
                bson.release();
            }
        }

        @Override
        public Document read(ByteBuffer buffer) {
            if (buffer.get(buffer.position()) != BSON) {
                return (Document) serialised.read(buffer);
            }
            buffer.get();
            ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
            Document document = BsonDecoder.decodeBson(bson);
            buffer.position(buffer.position() + bson.readerIndex());
            seen(bson.readerIndex());
            return document;
        }

        private void seen(int size) {
            averageSize = (averageSize * 15 + size) / 16;
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }
}
