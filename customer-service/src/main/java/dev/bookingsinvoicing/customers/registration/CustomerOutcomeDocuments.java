package dev.bookingsinvoicing.customers.registration;

import org.bson.Document;

import dev.bookingsinvoicing.registration.OutcomeDocuments;

/** A customer's outcome as stored with its state: the customer's fields and posting groups of each kind. */
final class CustomerOutcomeDocuments extends OutcomeDocuments<RegistrationOutcome> {

    CustomerOutcomeDocuments() {
        super(RegistrationOutcome.Rejected::new);
    }

    @Override
    protected void appendRegistration(RegistrationOutcome outcome, Document d) {
        if (outcome instanceof RegistrationOutcome.Registered r) {
            d.append("kind", REGISTERED).append("customerNo", r.customerNo()).append("name", r.name())
                    .append("emailAddress", r.emailAddress()).append("templateCode", r.templateCode())
                    .append("newCustomer", r.newCustomer());
            posting(d, r.posting());
        } else {
            RegistrationOutcome.Updated u = (RegistrationOutcome.Updated) outcome;
            d.append("kind", UPDATED).append("customerNo", u.customerNo()).append("name", u.name())
                    .append("emailAddress", u.emailAddress()).append("phone", u.phone())
                    .append("changedFields", u.changedFields());
            posting(d, u.posting());
        }
    }

    @Override
    protected RegistrationOutcome registration(String kind, Header h, Document d) {
        // outcomes stored before they carried posting groups have none
        RegistrationOutcome.Posting posting = new RegistrationOutcome.Posting(d.getString("customerPostingGroup"),
                d.getString("genBusPostingGroup"), d.getString("vatBusPostingGroup"));
        return kind.equals(REGISTERED)
                ? new RegistrationOutcome.Registered(h.eventId(), h.occurredAt(), h.businessId(), h.sourceId(),
                        d.getString("customerNo"), d.getString("name"), d.getString("emailAddress"),
                        d.getString("templateCode"), d.getBoolean("newCustomer", false), posting)
                : new RegistrationOutcome.Updated(h.eventId(), h.occurredAt(), h.businessId(), h.sourceId(),
                        d.getString("customerNo"), d.getString("name"), d.getString("emailAddress"),
                        d.getString("phone"), d.getList("changedFields", String.class), posting);
    }

    private static void posting(Document d, RegistrationOutcome.Posting posting) {
        d.append("customerPostingGroup", posting.customerPostingGroup())
                .append("genBusPostingGroup", posting.genBusPostingGroup())
                .append("vatBusPostingGroup", posting.vatBusPostingGroup());
    }
}
