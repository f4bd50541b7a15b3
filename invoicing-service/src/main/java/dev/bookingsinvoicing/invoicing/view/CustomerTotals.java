package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.log.LogAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

import dev.bookingsinvoicing.invoicing.store.BsonValues;
import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.invoicing.store.IdBatches;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * The view's totals kept as rows come and go ({@code customer_totals}, one document per Bookings customer,
 * {@code _id} = Keys.customer), so that the dashboard's totals read one small document per customer instead of every
 * row. Each document lists the rows of its customer now in the view (id, customer no., bill-to name, status,
 * currency, amount) and their sums per customer no., status and currency. {@link BookingRowStore} tells it of every
 * row it writes, replaces or deletes, right after the write (an entry is stored as an array, see
 * {@link Entry#stored}). The same lists are how a customer registration finds the rows it changes
 * ({@link #bookingIdsOf}): one document per customer to update per poll, not two.
 *
 * <p>A document is rewritten whole, conditioned on the version it was read at; a writer that loses re-reads it and
 * applies its change again, unless the document already shows it. A customer whose last row leaves the view loses its
 * document (deleted under the same condition), so the totals read only customers with rows. Every write gives the
 * document a new, unique version (an ObjectId, not a count): a document deleted and inserted again never matches a
 * version read before the delete. A change is idempotent (set this row's entry,
 * remove that one), so a retried poll or command leaves the same totals. A replaced row's entry is only updated if
 * it is still there: a row deleted meanwhile (invoiced) is not counted again.
 *
 * <p>Totals are complete only when they were kept from the first row on: a service upgraded with rows already in the
 * view finds them missing ({@link #complete()} false, logged at start) and answers totals from the rows until the
 * view is rebuilt from the topics (README), after which they are kept.
 */
@Component
public class CustomerTotals implements SmartInitializingSingleton {

    public static final String COLLECTION = "customer_totals";
    private static final String COMPLETE = "customer_totals";
    private static final LogAccessor log = new LogAccessor(CustomerTotals.class);
    /** Rows per cursor batch of {@link #sumsOfRows}. */
    private static final int ROW_SCAN_BATCH = 10_000;

    private final MongoTemplate mongo;
    private final DocumentsById documents;
    private volatile boolean complete;

    public CustomerTotals(MongoTemplate mongo, DocumentsById documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    /** One row's part in its customer's totals. */
    record Entry(String id, String customerNo, String name, String status, String currency, BigDecimal amount) {

        static Entry of(BookingRow row) {
            return new Entry(row.id(), row.customerNo(), row.billToName(),
                    row.status() == null ? null : row.status().name(), row.currency(), row.amount());
        }

        /**
         * As stored: an array [id, customer no., name, status, currency, amount], about half the memory of a
         * document with those fields in the embedded server (a million rows have a million entries).
         */
        List<Object> stored() {
            return Arrays.asList(id, customerNo, name, status, currency,
                    amount == null ? null : new Decimal128(amount));
        }

        /** An entry as stored: the array, or the document with named fields written before it. */
        static Entry of(Object stored) {
            if (stored instanceof Document d) {
                return new Entry(d.getString("id"), d.getString("customerNo"), d.getString("name"),
                        d.getString("status"), d.getString("currency"), BsonValues.decimal(d.get("amount")));
            }
            List<?> a = (List<?>) stored;
            return new Entry((String) a.get(0), (String) a.get(1), (String) a.get(2), (String) a.get(3),
                    (String) a.get(4), BsonValues.decimal(a.get(5)));
        }

        boolean sameAs(Entry other) {
            return other != null && Objects.equals(customerNo, other.customerNo) && Objects.equals(name, other.name)
                    && Objects.equals(status, other.status) && Objects.equals(currency, other.currency)
                    && (amount == null ? other.amount == null
                            : other.amount != null && amount.compareTo(other.amount) == 0);
        }
    }

    /** The sum of one customer no. (null: no customer matched yet), status and currency (null: no price). */
    public record Sum(String customerNo, String name, String status, String currency, long bookings,
            BigDecimal amount) {
    }

    /** What one writer changes in one customer's document. */
    private static final class Change {
        final Map<String, Entry> set = new LinkedHashMap<>();
        final Map<String, Entry> setIfPresent = new LinkedHashMap<>();
        final Set<String> remove = new LinkedHashSet<>();
        String businessId;

        boolean shownBy(Map<String, Entry> entries) {
            return set.values().stream().allMatch(e -> e.sameAs(entries.get(e.id())))
                    && setIfPresent.values().stream().allMatch(e -> !entries.containsKey(e.id())
                            || e.sameAs(entries.get(e.id())))
                    && remove.stream().noneMatch(entries::containsKey);
        }

        void applyTo(Map<String, Entry> entries) {
            entries.putAll(set);
            setIfPresent.forEach((id, e) -> entries.computeIfPresent(id, (k, old) -> e));
            remove.forEach(entries::remove);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        // the conditional rewrite's filter {_id, v}: the embedded server looks a query up in a unique index whose keys
        // are the query's fields, and otherwise scans the collection (its _id index serves a query on _id alone)
        mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("_id", "v"),
                new IndexOptions().name("by_id_version").unique(true));
        complete = mongo.getCollection(ViewInputs.COLLECTION).find(Filters.eq("_id", COMPLETE)).first() != null;
        if (complete) {
            return;
        }
        if (mongo.getCollection(BookingRow.COLLECTION).estimatedDocumentCount() == 0) {
            mongo.getCollection(ViewInputs.COLLECTION).replaceOne(Filters.eq("_id", COMPLETE),
                    new Document("_id", COMPLETE), new ReplaceOptions().upsert(true));
            complete = true;
        } else {
            log.warn("The view has rows but no customer_totals: totals are computed from the rows (slower) until the "
                    + "view is rebuilt from the topics (invoicing-service README, \"How the view follows events\")");
        }
    }

    /** Whether the totals were kept from the first row on, so that {@link #sums} is the view's. */
    public boolean complete() {
        return complete;
    }

    /** Rows written (new, or replacing their previous versions). */
    void written(Collection<BookingRow> rows) {
        Map<String, Change> changes = new LinkedHashMap<>();
        rows.forEach(r -> changeOf(changes, r).set.put(r.id(), Entry.of(r)));
        apply(changes);
    }

    /** Rows replaced where they still existed: an entry no longer there is not brought back. */
    void replaced(Collection<BookingRow> rows) {
        Map<String, Change> changes = new LinkedHashMap<>();
        rows.forEach(r -> changeOf(changes, r).setIfPresent.put(r.id(), Entry.of(r)));
        apply(changes);
    }

    /** Rows deleted. */
    void removed(Collection<String> bookingIds) {
        Map<String, Change> changes = new LinkedHashMap<>();
        for (String id : bookingIds) {
            String appointment = Keys.appointmentOfBooking(id);
            if (appointment == null) {
                continue;
            }
            String customer = Keys.customer(Keys.businessOf(id), id.substring(appointment.length() + 1));
            changes.computeIfAbsent(customer, k -> new Change()).remove.add(id);
        }
        apply(changes);
    }

    /**
     * The sums of the customers of these businesses (null: every business), of one status and one customer no. when
     * given (null: all).
     */
    public List<Sum> sums(Collection<String> businesses, String status, String customerNo) {
        Document filter = new Document();
        if (businesses != null) {
            filter.append("businessId", new Document("$in", List.copyOf(businesses)));
        }
        Map<List<String>, Sum> sums = new LinkedHashMap<>();
        for (Document d : mongo.getCollection(COLLECTION).find(filter).projection(Projections.include("sums"))
                .batchSize(DocumentsById.WRITE_BATCH)) {
            for (Document s : d.getList("sums", Document.class, List.of())) {
                if (status != null && !status.equals(s.getString("status"))
                        || customerNo != null && !customerNo.equals(s.getString("customerNo"))) {
                    continue;
                }
                Sum sum = sum(s);
                sums.merge(Arrays.asList(sum.customerNo(), sum.status(), sum.currency()), sum, CustomerTotals::add);
            }
        }
        return List.copyOf(sums.values());
    }

    /**
     * The same sums computed from the rows a filter of the view matches, for what the kept documents cannot answer (a
     * date range, totals not complete): a projection of five fields read in cursor batches (the embedded server's
     * aggregation pipeline scans the same way and does not sum decimals reliably).
     */
    public List<Sum> sumsOfRows(Document rowFilter) {
        Map<List<String>, Sum> sums = new LinkedHashMap<>();
        for (Document row : mongo.getCollection(BookingRow.COLLECTION).find(rowFilter)
                .projection(Projections.include("customerNo", "billToName", "status", "currency", "amount"))
                .batchSize(ROW_SCAN_BATCH)) {
            Sum sum = new Sum(row.getString("customerNo"), row.getString("billToName"), row.getString("status"),
                    row.getString("currency"), 1, BsonValues.decimal(row.get("amount")));
            sums.merge(Arrays.asList(sum.customerNo(), sum.status(), sum.currency()), sum, CustomerTotals::add);
        }
        return List.copyOf(sums.values());
    }

    /**
     * The ids of the rows now in the view of these Bookings customers (Keys.customer): how a registration finds the
     * rows it changes. Each list is written right after its rows ({@link BookingRowStore}), so a registration saved
     * before it looks here finds every row written before its look.
     */
    List<String> bookingIdsOf(Collection<String> customers) {
        List<String> ids = new ArrayList<>();
        stored(customers, d -> ids.addAll(entries(d).keySet()));
        return ids;
    }

    private void stored(Collection<String> customers, Consumer<Document> action) {
        for (List<String> batch : IdBatches.of(customers)) {
            mongo.getCollection(COLLECTION).find(Filters.in("_id", batch)).forEach(action);
        }
    }

    private static Change changeOf(Map<String, Change> changes, BookingRow row) {
        Change change = changes.computeIfAbsent(Keys.customer(row.businessId(), row.bookingsCustomerId()),
                k -> new Change());
        change.businessId = row.businessId();
        return change;
    }

    private void apply(Map<String, Change> changes) {
        Map<String, Change> pending = new LinkedHashMap<>(changes);
        while (!pending.isEmpty()) {
            Map<String, Document> stored = new HashMap<>();
            stored(pending.keySet(), d -> stored.put(d.getString("_id"), d));
            List<WriteModel<Document>> rewrites = new ArrayList<>();
            List<Document> inserts = new ArrayList<>();
            Map<String, Change> written = new LinkedHashMap<>();
            pending.forEach((customer, change) -> {
                Document before = stored.get(customer);
                Map<String, Entry> entries = entries(before);
                if (change.shownBy(entries)) {
                    return;
                }
                change.applyTo(entries);
                written.put(customer, change);
                if (before == null) {
                    inserts.add(document(customer, change.businessId, entries.values()));
                    return;
                }
                Document read = new Document("_id", customer).append("v", before.get("v"));
                // a customer with no rows left (all invoiced) has no document: a writer that read it loses, reads
                // nothing and inserts
                rewrites.add(entries.isEmpty() ? new DeleteOneModel<>(read) : new ReplaceOneModel<>(read,
                        document(customer, before.getString("businessId"), entries.values())));
            });
            long lost = documents.insertNew(COLLECTION, inserts).size();
            lost += rewrites.size() - documents.bulkWrite(COLLECTION, rewrites);
            // another writer changed some of these documents first: read them again; those that show our change
            // (it was applied, or theirs made it so) are done
            pending = lost == 0 ? Map.of() : written;
        }
    }

    private static Map<String, Entry> entries(Document stored) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (stored != null) {
            for (Object row : stored.getList("rows", Object.class, List.of())) {
                Entry entry = Entry.of(row);
                entries.put(entry.id(), entry);
            }
        }
        return entries;
    }

    /** A new version of a customer's document; its version is unique (an ObjectId), see the class comment. */
    private static Document document(String customer, String businessId, Collection<Entry> entries) {
        Map<List<String>, Sum> sums = new LinkedHashMap<>();
        List<List<Object>> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            rows.add(e.stored());
            sums.merge(Arrays.asList(e.customerNo(), e.status(), e.currency()),
                    new Sum(e.customerNo(), e.name(), e.status(), e.currency(), 1, e.amount()), CustomerTotals::add);
        }
        List<Document> sumDocuments = sums.values().stream().map(s -> new Document("customerNo", s.customerNo())
                .append("name", s.name()).append("status", s.status()).append("currency", s.currency())
                .append("bookings", s.bookings())
                .append("amount", s.amount() == null ? null : new Decimal128(s.amount()))).toList();
        return new Document("_id", customer).append("businessId", businessId).append("v", new ObjectId())
                .append("rows", rows).append("sums", sumDocuments);
    }

    private static Sum sum(Document s) {
        return new Sum(s.getString("customerNo"), s.getString("name"), s.getString("status"),
                s.getString("currency"), ((Number) s.get("bookings")).longValue(), BsonValues.decimal(s.get("amount")));
    }

    private static Sum add(Sum a, Sum b) {
        BigDecimal amount = a.amount() == null ? b.amount()
                : b.amount() == null ? a.amount() : a.amount().add(b.amount());
        return new Sum(a.customerNo(), a.name() != null ? a.name() : b.name(), a.status(), a.currency(),
                a.bookings() + b.bookings(), amount);
    }
}
