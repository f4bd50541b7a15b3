package dev.bookingsinvoicing.customers.registration;

import org.apache.avro.specific.SpecificRecord;

import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.registration.RegistrationPublisher;

/** The customer service's events at the edge: CustomerDiscovered in, CustomerRegistered, -Updated, -Rejected out. */
final class CustomerEvents {

    private CustomerEvents() {
    }

    static BookingsCustomer toDomain(CustomerDiscovered event) {
        RegistrationPublisher.require("CustomerDiscovered " + event.getEventId()
                + " lacks an eventId, occurredAt, businessId or bookingsCustomerId", event.getBusinessId(),
                event.getBookingsCustomerId(), event.getEventId(), event.getOccurredAt());
        return new BookingsCustomer(event.getBusinessId(), event.getBookingsCustomerId(), event.getDisplayName(),
                event.getEmailAddress(), event.getPhone(), new BookingsCustomer.Address(event.getStreet(),
                        event.getCity(), event.getState(), event.getPostalCode(), event.getCountryOrRegion()));
    }

    /** Every outcome carries its own occurredAt, so a re-published outcome is the very same event. */
    static SpecificRecord toEvent(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Registered r) {
            return new CustomerRegistered(r.eventId(), r.occurredAt(), r.businessId(), r.bookingsCustomerId(),
                    r.customerNo(), r.name(), r.emailAddress(), r.templateCode(), r.newCustomer(),
                    r.posting().customerPostingGroup(), r.posting().genBusPostingGroup(),
                    r.posting().vatBusPostingGroup());
        }
        if (outcome instanceof RegistrationOutcome.Updated u) {
            return new CustomerUpdated(u.eventId(), u.occurredAt(), u.businessId(), u.bookingsCustomerId(),
                    u.customerNo(), u.name(), u.emailAddress(), u.phone(), u.changedFields(),
                    u.posting().customerPostingGroup(), u.posting().genBusPostingGroup(),
                    u.posting().vatBusPostingGroup());
        }
        RegistrationOutcome.Rejected r = (RegistrationOutcome.Rejected) outcome;
        return new CustomerRejected(r.eventId(), r.occurredAt(), r.businessId(), r.bookingsCustomerId(), r.rule(),
                r.reason());
    }
}
