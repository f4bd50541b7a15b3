package dev.bookingsinvoicing.items.registration;

import org.apache.avro.specific.SpecificRecord;

import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.registration.RegistrationPublisher;
import dev.bookingsinvoicing.schemas.DecimalFields;

/** The item service's events at the edge: ServiceDiscovered in, ItemRegistered, -Updated, -Rejected out. */
final class ItemEvents {

    private ItemEvents() {
    }

    static BookingsService toDomain(ServiceDiscovered event) {
        RegistrationPublisher.require("ServiceDiscovered " + event.getEventId()
                + " lacks an eventId, occurredAt, businessId, serviceId or displayName", event.getBusinessId(),
                event.getServiceId(), event.getDisplayName(), event.getEventId(), event.getOccurredAt());
        return new BookingsService(event.getBusinessId(), event.getServiceId(), event.getDisplayName(),
                event.getPriceType() == null ? null : event.getPriceType().name(),
                DecimalFields.read(event.getExactDefaultPrice(), event.getDefaultPrice()),
                event.getCurrency(), event.getHiddenFromCustomers());
    }

    /** Every outcome carries its own occurredAt, so a re-published outcome is the very same event. */
    static SpecificRecord toEvent(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Registered r) {
            return new ItemRegistered(r.eventId(), r.occurredAt(), r.businessId(), r.serviceId(), r.itemNo(),
                    r.description(), DecimalFields.legacyMoney(r.unitPrice()), r.posting().baseUnitOfMeasure(),
                    r.templateCode(), DecimalFields.exact(r.unitPrice()), r.posting().genProdPostingGroup(),
                    r.posting().vatProdPostingGroup());
        }
        if (outcome instanceof RegistrationOutcome.Updated u) {
            return new ItemUpdated(u.eventId(), u.occurredAt(), u.businessId(), u.serviceId(), u.itemNo(),
                    u.description(), DecimalFields.legacyMoney(u.unitPrice()), u.changedFields(),
                    DecimalFields.exact(u.unitPrice()), u.posting().baseUnitOfMeasure(),
                    u.posting().genProdPostingGroup(), u.posting().vatProdPostingGroup());
        }
        RegistrationOutcome.Rejected r = (RegistrationOutcome.Rejected) outcome;
        return new ItemRejected(r.eventId(), r.occurredAt(), r.businessId(), r.serviceId(), r.rule(), r.reason());
    }
}
