package dev.bookingsinvoicing.customers.registration;

import java.time.Instant;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
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
    void on(CustomerDiscovered event) {
        RegistrationOutcome outcome = registrar.register(toDomain(event));
        // wait for the broker: a failed publish must fail the record, so it is retried (Mongo writes are idempotent)
        kafka.send(Topics.CUSTOMER_REGISTRATIONS, Keys.customer(outcome.businessId(), outcome.bookingsCustomerId()),
                toEvent(outcome, event.getOccurredAt())).join();
    }

    static BookingsCustomer toDomain(CustomerDiscovered event) {
        if (isBlank(event.getBusinessId()) || isBlank(event.getBookingsCustomerId())) {
            throw new InvalidMessageException("CustomerDiscovered " + event.getEventId()
                    + " lacks a businessId or bookingsCustomerId");
        }
        return new BookingsCustomer(event.getBusinessId(), event.getBookingsCustomerId(), event.getDisplayName(),
                event.getEmailAddress(), event.getPhone(), new BookingsCustomer.Address(event.getStreet(),
                        event.getCity(), event.getState(), event.getPostalCode(), event.getCountryOrRegion()));
    }

    /** occurredAt is the source's, so a re-published outcome is the very same event. */
    static SpecificRecord toEvent(RegistrationOutcome outcome, Instant occurredAt) {
        if (outcome instanceof RegistrationOutcome.Registered r) {
            return new CustomerRegistered(r.eventId(), occurredAt, r.businessId(), r.bookingsCustomerId(),
                    r.customerNo(), r.name(), r.emailAddress(), r.templateCode(), r.newCustomer());
        }
        RegistrationOutcome.Rejected r = (RegistrationOutcome.Rejected) outcome;
        return new CustomerRejected(r.eventId(), occurredAt, r.businessId(), r.bookingsCustomerId(), r.rule(),
                r.reason());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
