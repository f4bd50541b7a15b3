package dev.bookingsinvoicing.customers.registration;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.registration.RegistrationPublisher;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/** Registers each discovered Bookings customer and publishes the outcome, keyed by the Bookings customer. */
@Component
public class CustomerDiscoveredListener {

    private final RegistrationPublisher<BookingsCustomer, RegistrationOutcome> registrations;

    public CustomerDiscoveredListener(CustomerRegistrar registrar, KafkaTemplate<String, SpecificRecord> kafka) {
        registrations = new RegistrationPublisher<>(registrar, kafka, Topics.CUSTOMER_REGISTRATIONS, Keys::customer,
                CustomerEvents::toEvent);
    }

    @KafkaListener(id = "customer-service", topics = Topics.CUSTOMERS)
    public void on(CustomerDiscovered event) {
        registrations.register(CustomerEvents.toDomain(event),
                new Discovery(event.getEventId(), event.getOccurredAt()));
    }
}
