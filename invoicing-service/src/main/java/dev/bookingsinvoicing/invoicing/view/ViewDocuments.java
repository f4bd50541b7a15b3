package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoTypeMapper;

import dev.bookingsinvoicing.invoicing.store.BsonValues;

/**
 * The view's rows and appointment states as BSON, written by hand for the view's hot path (every poll writes them):
 * exactly the documents Spring Data's converter writes (its type hint, the field names, dates, decimals in the
 * template's representation, null fields left out), so every mapped reader of these collections reads them as
 * before. The converter's reflection was about a fifth of the view thread's time at 100k appointments
 * (BENCHMARKS.md, section 7); {@code ViewDocumentsTest} compares both documents with the converter's own.
 */
final class ViewDocuments {

    private final MongoTypeMapper types;
    private final boolean decimalsAsText;

    ViewDocuments(MongoTemplate mongo) {
        this.types = mongo.getConverter().getTypeMapper();
        this.decimalsAsText = BsonValues.decimalsAsText(mongo);
    }

    Document row(BookingRow r) {
        Document d = new Document();
        put(d, "_id", r.id());
        put(d, "businessId", r.businessId());
        put(d, "appointmentId", r.appointmentId());
        put(d, "bookingsCustomerId", r.bookingsCustomerId());
        put(d, "start", BsonValues.date(r.start()));
        put(d, "end", BsonValues.date(r.end()));
        put(d, "durationMinutes", r.durationMinutes());
        put(d, "timeZone", r.timeZone());
        put(d, "localDate", r.localDate());
        put(d, "serviceId", r.serviceId());
        put(d, "serviceName", r.serviceName());
        put(d, "itemNo", r.itemNo());
        put(d, "customerName", r.customerName());
        put(d, "customerEmail", r.customerEmail());
        put(d, "customerNo", r.customerNo());
        put(d, "billToName", r.billToName());
        put(d, "priceType", r.priceType());
        put(d, "price", decimal(r.price()));
        put(d, "currency", r.currency());
        put(d, "quantity", decimal(r.quantity()));
        put(d, "unitPrice", decimal(r.unitPrice()));
        put(d, "amount", decimal(r.amount()));
        put(d, "revision", r.revision());
        put(d, "status", r.status() == null ? null : r.status().name());
        put(d, "reason", r.reason());
        types.writeType(BookingRow.class, d);
        return d;
    }

    Document state(AppointmentState s) {
        Document d = new Document();
        put(d, "_id", s.id());
        put(d, "revision", s.revision());
        put(d, "occurredAt", BsonValues.date(s.occurredAt()));
        put(d, "cancelled", s.cancelled());
        put(d, "bookingIds", s.bookingIds() == null ? null : new ArrayList<>(s.bookingIds()));
        put(d, "appointment", s.appointment() == null ? null : appointment(s.appointment()));
        types.writeType(AppointmentState.class, d);
        return d;
    }

    private Document appointment(Appointment a) {
        Document d = new Document();
        put(d, "businessId", a.businessId());
        put(d, "appointmentId", a.appointmentId());
        put(d, "revision", a.revision());
        put(d, "occurredAt", BsonValues.date(a.occurredAt()));
        put(d, "serviceId", a.serviceId());
        put(d, "serviceName", a.serviceName());
        put(d, "start", BsonValues.date(a.start()));
        put(d, "end", BsonValues.date(a.end()));
        put(d, "timeZone", a.timeZone());
        put(d, "priceType", a.priceType() == null ? null : a.priceType().name());
        put(d, "price", decimal(a.price()));
        put(d, "currency", a.currency());
        if (a.attendees() != null) {
            List<Document> attendees = new ArrayList<>(a.attendees().size());
            for (Attendee attendee : a.attendees()) {
                Document ad = new Document();
                put(ad, "bookingsCustomerId", attendee.bookingsCustomerId());
                put(ad, "name", attendee.name());
                put(ad, "emailAddress", attendee.emailAddress());
                attendees.add(ad);
            }
            d.put("attendees", attendees);
        }
        return d;
    }

    private Object decimal(BigDecimal value) {
        return BsonValues.decimal(value, decimalsAsText);
    }

    /** Spring Data leaves a null property out of the document. */
    private static void put(Document d, String field, Object value) {
        if (value != null) {
            d.put(field, value);
        }
    }
}
