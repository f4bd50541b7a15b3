package dev.bookingsinvoicing.customers.registration;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.kafka.InvalidMessageException;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/** Registers each discovered Bookings customer and publishes the outcome, keyed by the Bookings customer. */
@Component
public class CustomerDiscoveredListener {

    private final CustomerRegistrar registrar;
    private final KafkaTemplate<String, SpecificRecord> kafka;

    public CustomerDiscoveredListener(CustomerRegistrar registrar, KafkaTemplate<String, SpecificRecord> kafka) {
        this.registrar = registrar;
        this.kafka = kafka;
    }

    @KafkaListener(id = "customer-service", topics = Topics.CUSTOMERS)
    public void on(CustomerDiscovered event) {
        registrar.register(toDomain(event), new Discovery(event.getEventId(), event.getOccurredAt()))
                // wait for the broker: a failed publish must fail the record, so it is retried (Mongo writes are
                // idempotent and the retry re-publishes the very same event)
                .ifPresent(outcome -> kafka.send(Topics.CUSTOMER_REGISTRATIONS,
                        Keys.customer(outcome.businessId(), outcome.bookingsCustomerId()), toEvent(outcome)).join());
    }

    static BookingsCustomer toDomain(CustomerDiscovered event) {
        if (isBlank(event.getBusinessId()) || isBlank(event.getBookingsCustomerId()) || isBlank(event.getEventId())
                || event.getOccurredAt() == null) {
            throw new InvalidMessageException("CustomerDiscovered " + event.getEventId()
                    + " lacks an eventId, occurredAt, businessId or bookingsCustomerId");
        }
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
