package dev.bookingsinvoicing.items.registration;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.registration.RegistrationPublisher;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/** Registers each discovered Bookings service and publishes the outcome, keyed by the service. */
@Component
public class ServiceDiscoveredListener {

    private final RegistrationPublisher<BookingsService, RegistrationOutcome> registrations;

    public ServiceDiscoveredListener(ItemRegistrar registrar, KafkaTemplate<String, SpecificRecord> kafka) {
        registrations = new RegistrationPublisher<>(registrar, kafka, Topics.ITEM_REGISTRATIONS, Keys::service,
                ItemEvents::toEvent);
    }

    @KafkaListener(id = "item-service", topics = Topics.SERVICES)
    public void on(ServiceDiscovered event) {
        registrations.register(ItemEvents.toDomain(event), new Discovery(event.getEventId(), event.getOccurredAt()));
    }
}
