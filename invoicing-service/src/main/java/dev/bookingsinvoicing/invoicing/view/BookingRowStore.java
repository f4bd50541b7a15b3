package dev.bookingsinvoicing.invoicing.view;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Projections;

import dev.bookingsinvoicing.invoicing.store.BsonValues;
import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.invoicing.store.IdBatches;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * The view's rows ({@code booking_rows}) as the projection and the commands read and write them, and with them
 * their {@link CustomerTotals}. Every look-up the
 * projection makes is by {@code _id}, the only index the embedded server has; planning reads rows as raw documents
 * with only the fields it needs (Spring Data's mapping was most of the read time at 100k rows), in cursor batches
 * (the embedded server otherwise sends a whole result in one reply, capped at 48 MB). A real MongoDB serves the
 * scans below (a service's rows, a command's scope) from the indexes declared on {@link BookingRow}.
 */
@Component
public class BookingRowStore {

    /** The fields of a row that planning needs. */
    private static final List<String> PLANNING_FIELDS = List.of("_id", "businessId", "start", "timeZone",
            LocalDateRange.FIELD, "serviceId", "serviceName", "itemNo", "customerNo", "billToName", "priceType",
            "price", "currency", "quantity", "unitPrice", "amount", "status", "reason");
    private static final int FIND_BATCH = 10_000;

    private final MongoTemplate mongo;
    private final DocumentsById documents;
    private final CustomerTotals totals;
    private final ViewDocuments bson;

    public BookingRowStore(MongoTemplate mongo, DocumentsById documents, CustomerTotals totals) {
        this.mongo = mongo;
        this.documents = documents;
        this.totals = totals;
        this.bson = new ViewDocuments(mongo);
    }

    public List<BookingRow> find(Collection<String> ids) {
        return documents.find(ids, BookingRow.class);
    }

    public Map<String, BookingRow> byId(Collection<String> ids) {
        return documents.byId(ids, BookingRow.class, BookingRow::id);
    }

    /**
     * Writes the rows of appointments, new (inserted) or replacing their previous versions, as hand-made BSON
     * ({@link ViewDocuments}).
     */
    public void upsert(List<BookingRow> rows) {
        documents.upsertAll(BookingRow.COLLECTION, rows.stream().map(bson::row).toList());
        totals.written(rows);
    }

    /** Replaces rows recomputed from new registrations; a row deleted meanwhile (invoiced) is not re-created. */
    public void replaceExisting(List<BookingRow> rows) {
        documents.replaceExisting(rows, BookingRow.class, BookingRow::id);
        totals.replaced(rows);
    }

    public void delete(Collection<String> ids) {
        documents.deleteAll(BookingRow.COLLECTION, ids);
        totals.removed(ids);
    }

    /**
     * The rows now in the view of these Bookings customers (Keys.customer): by {@code _id}, from the ids their
     * {@link CustomerTotals} list; while those are not complete (a view kept before them), by a query on
     * businessId and bookingsCustomerId (index by_customer; a scan on the embedded server).
     */
    public List<BookingRow> ofCustomers(Collection<String> customerKeys) {
        if (customerKeys.isEmpty()) {
            return List.of();
        }
        if (totals.complete()) {
            return find(totals.bookingIdsOf(customerKeys));
        }
        return mongo.find(query(new Criteria().orOperator(customerKeys.stream().map(key -> where("businessId")
                .is(Keys.businessOf(key)).and("bookingsCustomerId").is(Keys.withinBusiness(key))).toList())),
                BookingRow.class);
    }

    /** The rows of services with these ids, in any business: one query on serviceId (index by_service). */
    public List<BookingRow> ofServices(Collection<String> serviceIds) {
        return mongo.find(query(where("serviceId").in(serviceIds)), BookingRow.class);
    }

    /** The rows of one appointment, found without its state (only after a crash between rows and state; rare). */
    public List<BookingRow> ofAppointment(String businessId, String appointmentId) {
        return mongo.find(query(where("businessId").is(businessId).and("appointmentId").is(appointmentId)),
                BookingRow.class);
    }

    /** The rows in a command's scope, whatever their status, with the fields planning uses (the others null). */
    public List<BookingRow> inScope(RowScope scope) {
        Criteria criteria = scope.customerNo() == null ? new Criteria() : where("customerNo").is(scope.customerNo());
        if (scope.businessId() != null) {
            criteria = criteria.and("businessId").is(scope.businessId());
        }
        if (scope.from() != null || scope.to() != null) {
            Criteria start = criteria.and("start");
            if (scope.from() != null) {
                start = start.gte(scope.from());
            }
            if (scope.to() != null) {
                start = start.lt(scope.to());
            }
        }
        if (scope.fromDate() != null || scope.toDate() != null) {
            LocalDateRange.bound(criteria.and(LocalDateRange.FIELD), scope.fromDate(), scope.toDate());
        }
        return planningRows(criteria);
    }

    /**
     * Rows by id with the fields planning uses, by {@code _id} alone: the embedded server uses its {@code _id} index
     * only for a query on {@code _id} alone (with businessId or start beside it, it scanned the whole view per batch).
     */
    public List<BookingRow> planningRows(Collection<String> ids) {
        List<BookingRow> rows = new ArrayList<>();
        for (List<String> batch : IdBatches.of(ids)) {
            rows.addAll(planningRows(where("_id").in(batch)));
        }
        return rows;
    }

    private List<BookingRow> planningRows(Criteria criteria) {
        List<BookingRow> rows = new ArrayList<>();
        for (Document d : mongo.getCollection(BookingRow.COLLECTION).find(new Document(criteria.getCriteriaObject()))
                .projection(Projections.include(PLANNING_FIELDS)).batchSize(FIND_BATCH)) {
            rows.add(planningRow(d));
        }
        return rows;
    }

    private static BookingRow planningRow(Document d) {
        String status = d.getString("status");
        return new BookingRow(d.getString("_id"), d.getString("businessId"), null, null,
                BsonValues.instant(d.get("start")), null, 0, d.getString("timeZone"),
                d.getString(LocalDateRange.FIELD), d.getString("serviceId"), d.getString("serviceName"),
                d.getString("itemNo"), null, null, d.getString("customerNo"), d.getString("billToName"),
                d.getString("priceType"), BsonValues.decimal(d.get("price")), d.getString("currency"),
                BsonValues.decimal(d.get("quantity")), BsonValues.decimal(d.get("unitPrice")),
                BsonValues.decimal(d.get("amount")), null, status == null ? null : BookingStatus.valueOf(status),
                d.getString("reason"));
    }
}
