package dev.bookingsinvoicing.registration;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * Stores a published outcome with its record's state, so that a re-delivery re-publishes exactly the same event:
 * here its id, time and kind ({@value #REGISTERED}, {@value #UPDATED} or {@value #REJECTED}) and a rejection's rule
 * and reason; a service's subclass adds the fields of its registrations and updates.
 */
public abstract class OutcomeDocuments<O extends Outcome> {

    public static final String REGISTERED = "Registered";
    public static final String UPDATED = "Updated";
    public static final String REJECTED = "Rejected";

    /** What every stored outcome has besides its kind and the fields of that kind. */
    public record Header(String eventId, Instant occurredAt, String businessId, String sourceId) {
    }

    private final Rejections.Stored<O> rejected;

    /** @param rejected the service's rejection event as stored (its record's canonical constructor) */
    protected OutcomeDocuments(Rejections.Stored<O> rejected) {
        this.rejected = rejected;
    }

    public final Document toDocument(O outcome) {
        Document d = new Document("eventId", outcome.eventId()).append("occurredAt", Date.from(outcome.occurredAt()));
        outcome.rejection().ifPresentOrElse(
                r -> d.append("kind", REJECTED).append("rule", r.rule()).append("reason", r.reason()),
                () -> appendRegistration(outcome, d));
        return d;
    }

    public final O fromDocument(Document d, String businessId, String sourceId) {
        Header header = new Header(d.getString("eventId"), d.getDate("occurredAt").toInstant(), businessId, sourceId);
        String kind = d.getString("kind");
        return switch (kind) {
            case REJECTED -> rejected.of(header.eventId(), header.occurredAt(), header.businessId(), header.sourceId(),
                    d.getString("rule"), d.getString("reason"));
            case REGISTERED, UPDATED -> registration(kind, header, d);
            default -> throw new IllegalStateException("unknown stored outcome kind " + kind);
        };
    }

    /** Appends the kind ({@value #REGISTERED} or {@value #UPDATED}) and the fields of a registration or update. */
    protected abstract void appendRegistration(O outcome, Document d);

    /** The registration or update ({@code kind}) stored in {@code d}. */
    protected abstract O registration(String kind, Header header, Document d);
}
