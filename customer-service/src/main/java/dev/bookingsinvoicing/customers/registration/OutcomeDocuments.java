package dev.bookingsinvoicing.customers.registration;

import java.util.Date;

import org.bson.Document;

/** Stores a published outcome so that a re-delivery re-publishes exactly the same event. */
final class OutcomeDocuments {

    private OutcomeDocuments() {
    }

    static Document toDocument(RegistrationOutcome outcome) {
        Document d = new Document("eventId", outcome.eventId()).append("occurredAt", Date.from(outcome.occurredAt()));
        if (outcome instanceof RegistrationOutcome.Registered r) {
            d.append("kind", "Registered").append("customerNo", r.customerNo()).append("name", r.name())
                    .append("emailAddress", r.emailAddress()).append("templateCode", r.templateCode())
                    .append("newCustomer", r.newCustomer());
            posting(d, r.posting());
        } else if (outcome instanceof RegistrationOutcome.Updated u) {
            d.append("kind", "Updated").append("customerNo", u.customerNo()).append("name", u.name())
                    .append("emailAddress", u.emailAddress()).append("phone", u.phone())
                    .append("changedFields", u.changedFields());
            posting(d, u.posting());
        } else {
            RegistrationOutcome.Rejected r = (RegistrationOutcome.Rejected) outcome;
            d.append("kind", "Rejected").append("rule", r.rule()).append("reason", r.reason());
        }
        return d;
    }

    static RegistrationOutcome fromDocument(Document d, String businessId, String bookingsCustomerId) {
        var occurredAt = d.getDate("occurredAt").toInstant();
        return switch (d.getString("kind")) {
            case "Registered" -> new RegistrationOutcome.Registered(d.getString("eventId"), occurredAt, businessId,
                    bookingsCustomerId, d.getString("customerNo"), d.getString("name"), d.getString("emailAddress"),
                    d.getString("templateCode"), d.getBoolean("newCustomer", false), posting(d));
            case "Updated" -> new RegistrationOutcome.Updated(d.getString("eventId"), occurredAt, businessId,
                    bookingsCustomerId, d.getString("customerNo"), d.getString("name"), d.getString("emailAddress"),
                    d.getString("phone"), d.getList("changedFields", String.class), posting(d));
            case "Rejected" -> new RegistrationOutcome.Rejected(d.getString("eventId"), occurredAt, businessId,
                    bookingsCustomerId, d.getString("rule"), d.getString("reason"));
            default -> throw new IllegalStateException("unknown stored outcome kind " + d.getString("kind"));
        };
    }

    private static void posting(Document d, RegistrationOutcome.Posting posting) {
        d.append("customerPostingGroup", posting.customerPostingGroup())
                .append("genBusPostingGroup", posting.genBusPostingGroup())
                .append("vatBusPostingGroup", posting.vatBusPostingGroup());
    }

    /** Outcomes stored before they carried posting groups have none. */
    private static RegistrationOutcome.Posting posting(Document d) {
        return new RegistrationOutcome.Posting(d.getString("customerPostingGroup"), d.getString("genBusPostingGroup"),
                d.getString("vatBusPostingGroup"));
    }
}
