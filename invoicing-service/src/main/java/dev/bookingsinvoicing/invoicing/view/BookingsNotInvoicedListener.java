package dev.bookingsinvoicing.invoicing.view;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.kafka.InvalidMessageException;
import dev.bookingsinvoicing.schemas.DecimalFields;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Feeds the view from appointments and registrations, one poll at a time: converts each
 * record to a domain type and hands consecutive records of the same type to the projection together, so that the
 * projection's round trips to MongoDB are paid per poll, not per record; the log order between types is kept.
 *
 * <p>One container for the three topics: with its default concurrency of one, an appointment and the registration it
 * waits for are never applied at the same time within an instance (across instances, or with
 * {@code bookings.invoicing.view-concurrency} above one, the projection's re-check makes the order irrelevant). The
 * group id is a property so that a test can run a second, independent instance against the same broker.
 *
 * <p>A record that cannot be applied (undecodable, of a type the view does not know, or failing in the projection)
 * is reported as a {@link BatchListenerFailedException} naming that very record: the shared error handler commits
 * the records before it, retries or dead-letters it, and goes on with the rest.
 */
@Component
public class BookingsNotInvoicedListener {

    /** The batch listener container factory the view's listener runs in (defined by the service's configuration). */
    public static final String CONTAINER_FACTORY = "viewListenerContainerFactory";

    private static final LogAccessor log = new LogAccessor(BookingsNotInvoicedListener.class);

    /** The timer of the view's batches: one per run of records of one kind applied together, tagged {@code kind}. */
    public static final String BATCHES = "bookings.view.batches";

    private final BookingsNotInvoicedProjection projection;
    private final MeterRegistry meters;

    public BookingsNotInvoicedListener(BookingsNotInvoicedProjection projection, MeterRegistry meters) {
        this.projection = projection;
        this.meters = meters;
    }

    /** A record and what it means to the view. */
    private record Pending(ConsumerRecord<String, Object> record, Object event) {
    }

    @KafkaListener(id = "${bookings.invoicing.view-group:invoicing-view}", topics = { Topics.APPOINTMENTS,
            Topics.CUSTOMER_REGISTRATIONS, Topics.ITEM_REGISTRATIONS },
            containerFactory = CONTAINER_FACTORY, batch = "true",
            concurrency = "${bookings.invoicing.view-concurrency:1}")
    public void on(List<ConsumerRecord<String, Object>> records) {
        List<Pending> run = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : records) {
            Object event;
            try {
                event = viewEventOf(record);
            } catch (RuntimeException e) {
                apply(run);
                throw new BatchListenerFailedException(e.getMessage(), e, record);
            }
            if (event == null) {
                continue;
            }
            if (!run.isEmpty() && run.get(0).event().getClass() != event.getClass()) {
                apply(run);
                run = new ArrayList<>();
            }
            run.add(new Pending(record, event));
        }
        apply(run);
    }

    /**
     * Applies records of one type together. If that fails, applies them one by one to name the record that fails
     * (the ones before it are then applied; applying one twice changes nothing).
     */
    private void apply(List<Pending> run) {
        if (run.isEmpty()) {
            return;
        }
        try {
            applyTogether(run.stream().map(Pending::event).toList());
        } catch (RuntimeException together) {
            if (run.size() == 1) {
                throw new BatchListenerFailedException(together.getMessage(), together, run.get(0).record());
            }
            for (Pending pending : run) {
                try {
                    applyTogether(List.of(pending.event()));
                } catch (RuntimeException alone) {
                    throw new BatchListenerFailedException(alone.getMessage(), alone, pending.record());
                }
            }
        }
    }

    private void applyTogether(List<?> events) {
        Object first = events.get(0);
        String kind = first instanceof Appointment ? "appointments"
                : first instanceof CustomerRegistration ? "customers"
                : first instanceof ItemRegistration ? "items" : "cancellations";
        Timer.Sample sample = Timer.start(meters);
        dispatch(first, events);
        sample.stop(Timer.builder(BATCHES).tag("kind", kind)
                .description("Batches of records of one kind applied to the view together").register(meters));
        meters.counter(BATCHES + ".records", "kind", kind).increment(events.size());
    }

    @SuppressWarnings("unchecked")
    private void dispatch(Object first, List<?> events) {
        if (first instanceof Appointment) {
            projection.onCompleted((List<Appointment>) events);
        } else if (first instanceof CustomerRegistration) {
            projection.onCustomers((List<CustomerRegistration>) events);
        } else if (first instanceof ItemRegistration) {
            projection.onItems((List<ItemRegistration>) events);
        } else if (first instanceof AppointmentCancelled) {
            for (AppointmentCancelled event : (List<AppointmentCancelled>) events) {
                projection.onCancelled(event.getBusinessId(), event.getAppointmentId(), event.getOccurredAt());
            }
        }
    }

    /**
     * What a record means to the view, or null when nothing (a tombstone).
     */
    private static Object viewEventOf(ConsumerRecord<String, Object> record) {
        Object value = record.value();
        if (value == null) {
            DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
            if (undecodable != null) {
                throw undecodable;
            }
            return null;
        }
        if (value instanceof AppointmentCompleted event) {
            return new Appointment(event.getBusinessId(), event.getAppointmentId(), event.getRevision(),
                    event.getOccurredAt(), event.getServiceId(), event.getServiceName(), event.getStart(),
                    event.getEnd(), event.getTimeZone(), BookingPriceType.of(event.getPriceType().name()),
                    DecimalFields.read(event.getExactPrice(), event.getPrice()), event.getCurrency(),
                    event.getAttendees().stream()
                            .map(a -> new Attendee(a.getBookingsCustomerId(), a.getName(), a.getEmailAddress()))
                            .toList());
        }
        if (value instanceof CustomerRegistered event) {
            return new CustomerRegistration(Keys.customer(event.getBusinessId(), event.getBookingsCustomerId()),
                    event.getBusinessId(), event.getBookingsCustomerId(), true, event.getCustomerNo(),
                    event.getName(), null, event.getEventId(), event.getOccurredAt(), new CustomerPosting(
                            event.getCustomerPostingGroup(), event.getGenBusPostingGroup(),
                            event.getVatBusPostingGroup()));
        }
        // a renamed customer: the bill-to name of not yet invoiced rows follows (invoiced ones keep theirs)
        if (value instanceof CustomerUpdated event) {
            return new CustomerRegistration(Keys.customer(event.getBusinessId(), event.getBookingsCustomerId()),
                    event.getBusinessId(), event.getBookingsCustomerId(), true, event.getCustomerNo(),
                    event.getName(), null, event.getEventId(), event.getOccurredAt(), new CustomerPosting(
                            event.getCustomerPostingGroup(), event.getGenBusPostingGroup(),
                            event.getVatBusPostingGroup()));
        }
        if (value instanceof CustomerRejected event) {
            return new CustomerRegistration(Keys.customer(event.getBusinessId(), event.getBookingsCustomerId()),
                    event.getBusinessId(), event.getBookingsCustomerId(), false, null, null, event.getReason(),
                    event.getEventId(), event.getOccurredAt(), CustomerPosting.UNKNOWN);
        }
        if (value instanceof ItemRegistered event) {
            return new ItemRegistration(Keys.service(event.getBusinessId(), event.getServiceId()),
                    event.getBusinessId(), event.getServiceId(), true, event.getItemNo(), null, event.getEventId(),
                    event.getOccurredAt(), DecimalFields.read(event.getExactUnitPrice(), event.getUnitPrice()),
                    new ItemPosting(event.getBaseUnitOfMeasure(), event.getGenProdPostingGroup(),
                            event.getVatProdPostingGroup()));
        }
        // a renamed or repriced item: the item no. and the fallback price of not yet invoiced rows follow
        if (value instanceof ItemUpdated event) {
            return new ItemRegistration(Keys.service(event.getBusinessId(), event.getServiceId()),
                    event.getBusinessId(), event.getServiceId(), true, event.getItemNo(), null, event.getEventId(),
                    event.getOccurredAt(), DecimalFields.read(event.getExactUnitPrice(), event.getUnitPrice()),
                    new ItemPosting(event.getBaseUnitOfMeasure(), event.getGenProdPostingGroup(),
                            event.getVatProdPostingGroup()));
        }
        if (value instanceof ItemRejected event) {
            return new ItemRegistration(Keys.service(event.getBusinessId(), event.getServiceId()),
                    event.getBusinessId(), event.getServiceId(), false, null, event.getReason(), event.getEventId(),
                    event.getOccurredAt(), null, ItemPosting.UNKNOWN);
        }
        if (value instanceof AppointmentCancelled) {
            return value;
        }
        throw new InvalidMessageException("the view has no use for " + value.getClass().getSimpleName() + " records on "
                + record.topic());
    }
}
