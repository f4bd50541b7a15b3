package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.util.Date;

import org.bson.Document;

/** Stores a published outcome so that a re-delivery re-publishes exactly the same event. */
final class OutcomeDocuments {

    private OutcomeDocuments() {
    }

    static Document toDocument(RegistrationOutcome outcome) {
        Document d = new Document("eventId", outcome.eventId()).append("occurredAt", Date.from(outcome.occurredAt()));
        if (outcome instanceof RegistrationOutcome.Registered r) {
            d.append("kind", "Registered").append("itemNo", r.itemNo()).append("description", r.description())
                    .append("unitPrice", price(r.unitPrice())).append("templateCode", r.templateCode());
            posting(d, r.posting());
        } else if (outcome instanceof RegistrationOutcome.Updated u) {
            d.append("kind", "Updated").append("itemNo", u.itemNo()).append("description", u.description())
                    .append("unitPrice", price(u.unitPrice())).append("changedFields", u.changedFields());
            posting(d, u.posting());
        } else {
            RegistrationOutcome.Rejected r = (RegistrationOutcome.Rejected) outcome;
            d.append("kind", "Rejected").append("rule", r.rule()).append("reason", r.reason());
        }
        return d;
    }

    static RegistrationOutcome fromDocument(Document d, String businessId, String serviceId) {
        var occurredAt = d.getDate("occurredAt").toInstant();
        return switch (d.getString("kind")) {
            case "Registered" -> new RegistrationOutcome.Registered(d.getString("eventId"), occurredAt, businessId,
                    serviceId, d.getString("itemNo"), d.getString("description"), price(d.getString("unitPrice")),
                    d.getString("templateCode"), posting(d));
            case "Updated" -> new RegistrationOutcome.Updated(d.getString("eventId"), occurredAt, businessId,
                    serviceId, d.getString("itemNo"), d.getString("description"), price(d.getString("unitPrice")),
                    d.getList("changedFields", String.class), posting(d));
            case "Rejected" -> new RegistrationOutcome.Rejected(d.getString("eventId"), occurredAt, businessId,
                    serviceId, d.getString("rule"), d.getString("reason"));
            default -> throw new IllegalStateException("unknown stored outcome kind " + d.getString("kind"));
        };
    }

    private static void posting(Document d, RegistrationOutcome.Posting posting) {
        d.append("baseUnitOfMeasure", posting.baseUnitOfMeasure())
                .append("genProdPostingGroup", posting.genProdPostingGroup())
                .append("vatProdPostingGroup", posting.vatProdPostingGroup());
    }

    /** Outcomes stored before they carried posting groups have the unit of measure only (Registered) or nothing. */
    private static RegistrationOutcome.Posting posting(Document d) {
        return new RegistrationOutcome.Posting(d.getString("baseUnitOfMeasure"), d.getString("genProdPostingGroup"),
                d.getString("vatProdPostingGroup"));
    }

    /** A string keeps the exact amount whatever BigDecimal representation the driver is set to. */
    static String price(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    static BigDecimal price(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }
}
