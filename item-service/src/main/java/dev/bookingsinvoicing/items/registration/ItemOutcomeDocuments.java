package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;

import org.bson.Document;

import dev.bookingsinvoicing.registration.OutcomeDocuments;

/** An item's outcome as stored with its state: the item's fields, price and posting data of each kind. */
final class ItemOutcomeDocuments extends OutcomeDocuments<RegistrationOutcome> {

    ItemOutcomeDocuments() {
        super(RegistrationOutcome.Rejected::new);
    }

    @Override
    protected void appendRegistration(RegistrationOutcome outcome, Document d) {
        RegistrationOutcome.Posting posting;
        if (outcome instanceof RegistrationOutcome.Registered r) {
            d.append("kind", REGISTERED).append("itemNo", r.itemNo()).append("description", r.description())
                    .append("unitPrice", price(r.unitPrice())).append("templateCode", r.templateCode());
            posting = r.posting();
        } else {
            RegistrationOutcome.Updated u = (RegistrationOutcome.Updated) outcome;
            d.append("kind", UPDATED).append("itemNo", u.itemNo()).append("description", u.description())
                    .append("unitPrice", price(u.unitPrice())).append("changedFields", u.changedFields());
            posting = u.posting();
        }
        d.append("baseUnitOfMeasure", posting.baseUnitOfMeasure())
                .append("genProdPostingGroup", posting.genProdPostingGroup())
                .append("vatProdPostingGroup", posting.vatProdPostingGroup());
    }

    @Override
    protected RegistrationOutcome registration(String kind, Header h, Document d) {
        // outcomes stored before they carried posting groups have the unit of measure only (Registered) or nothing
        RegistrationOutcome.Posting posting = new RegistrationOutcome.Posting(d.getString("baseUnitOfMeasure"),
                d.getString("genProdPostingGroup"), d.getString("vatProdPostingGroup"));
        String itemNo = d.getString("itemNo");
        String description = d.getString("description");
        BigDecimal unitPrice = price(d.getString("unitPrice"));
        return kind.equals(REGISTERED)
                ? new RegistrationOutcome.Registered(h.eventId(), h.occurredAt(), h.businessId(), h.sourceId(), itemNo,
                        description, unitPrice, d.getString("templateCode"), posting)
                : new RegistrationOutcome.Updated(h.eventId(), h.occurredAt(), h.businessId(), h.sourceId(), itemNo,
                        description, unitPrice, d.getList("changedFields", String.class), posting);
    }

    /** A string keeps the exact amount whatever BigDecimal representation the driver is set to. */
    static String price(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    static BigDecimal price(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }
}
