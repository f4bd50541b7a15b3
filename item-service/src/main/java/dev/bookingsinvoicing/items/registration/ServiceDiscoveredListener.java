package dev.bookingsinvoicing.items.registration;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.events.ServiceDiscovered;
import dev.bookingsinvoicing.kafka.InvalidMessageException;
import dev.bookingsinvoicing.schemas.DecimalFields;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/** Registers each discovered Bookings service and publishes the outcome, keyed by the service. */
@Component
public class ServiceDiscoveredListener {

    private final ItemRegistrar registrar;
    private final KafkaTemplate<String, SpecificRecord> kafka;

    public ServiceDiscoveredListener(ItemRegistrar registrar, KafkaTemplate<String, SpecificRecord> kafka) {
        this.registrar = registrar;
        this.kafka = kafka;
    }

    @KafkaListener(id = "item-service", topics = Topics.SERVICES)
    public void on(ServiceDiscovered event) {
        registrar.register(toDomain(event), new Discovery(event.getEventId(), event.getOccurredAt()))
                // wait for the broker: a failed publish must fail the record, so it is retried (Mongo writes are
                // idempotent and the retry re-publishes the very same event)
                .ifPresent(outcome -> kafka.send(Topics.ITEM_REGISTRATIONS,
                        Keys.service(outcome.businessId(), outcome.serviceId()), toEvent(outcome)).join());
    }

    static BookingsService toDomain(ServiceDiscovered event) {
        if (isBlank(event.getBusinessId()) || isBlank(event.getServiceId()) || isBlank(event.getDisplayName())
                || isBlank(event.getEventId()) || event.getOccurredAt() == null) {
            throw new InvalidMessageException("ServiceDiscovered " + event.getEventId()
                    + " lacks an eventId, occurredAt, businessId, serviceId or displayName");
        }
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
