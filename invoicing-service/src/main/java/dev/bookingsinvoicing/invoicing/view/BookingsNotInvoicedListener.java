package dev.bookingsinvoicing.invoicing.view;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.invoicing.InvoicingConfiguration;
import dev.bookingsinvoicing.invoicing.pricing.BookingPriceType;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Feeds the view from appointments, registrations and deleted draft invoices: converts each event to domain types
 * and hands it to the projection. One container for the four topics, so that within an instance an appointment and
 * the registration it waits for are never applied at the same time. The group id is a property so that a test can
 * run a second, independent instance against the same broker.
 */
@Component
@KafkaListener(id = "${bookings.invoicing.view-group:invoicing-view}", topics = { Topics.APPOINTMENTS,
        Topics.CUSTOMER_REGISTRATIONS, Topics.ITEM_REGISTRATIONS, Topics.INVOICES },
        containerFactory = InvoicingConfiguration.VIEW_LISTENER_FACTORY)
public class BookingsNotInvoicedListener {

    private final BookingsNotInvoicedProjection projection;

    public BookingsNotInvoicedListener(BookingsNotInvoicedProjection projection) {
        this.projection = projection;
    }

    @KafkaHandler
    public void on(AppointmentCompleted event) {
        projection.onCompleted(new Appointment(event.getBusinessId(), event.getAppointmentId(), event.getRevision(),
                event.getOccurredAt(), event.getServiceId(), event.getServiceName(), event.getStart(), event.getEnd(),
                event.getTimeZone(), BookingPriceType.of(event.getPriceType().name()), event.getPrice(),
                event.getCurrency(), event.getAttendees().stream()
                        .map(a -> new Attendee(a.getBookingsCustomerId(), a.getName(), a.getEmailAddress())).toList()));
    }

    @KafkaHandler
    public void on(AppointmentCancelled event) {
        projection.onCancelled(event.getBusinessId(), event.getAppointmentId(), event.getOccurredAt());
    }

    @KafkaHandler
    public void on(CustomerRegistered event) {
        projection.onCustomer(new CustomerRegistration(Keys.customer(event.getBusinessId(),
                event.getBookingsCustomerId()), event.getBusinessId(), event.getBookingsCustomerId(), true,
                event.getCustomerNo(), event.getName(), null, event.getEventId(), event.getOccurredAt()));
    }

    @KafkaHandler
    public void on(CustomerRejected event) {
        projection.onCustomer(new CustomerRegistration(Keys.customer(event.getBusinessId(),
                event.getBookingsCustomerId()), event.getBusinessId(), event.getBookingsCustomerId(), false, null,
                null, event.getReason(), event.getEventId(), event.getOccurredAt()));
    }

    @KafkaHandler
    public void on(ItemRegistered event) {
        projection.onItem(new ItemRegistration(Keys.service(event.getBusinessId(), event.getServiceId()),
                event.getBusinessId(), event.getServiceId(), true, event.getItemNo(), null, event.getEventId(),
                event.getOccurredAt(), event.getUnitPrice()));
    }

    /** A renamed or repriced item: the item no. and the fallback price of not yet invoiced rows follow. */
    @KafkaHandler
    public void on(ItemUpdated event) {
        projection.onItem(new ItemRegistration(Keys.service(event.getBusinessId(), event.getServiceId()),
                event.getBusinessId(), event.getServiceId(), true, event.getItemNo(), null, event.getEventId(),
                event.getOccurredAt(), event.getUnitPrice()));
    }

    /** A renamed customer: the bill-to name of not yet invoiced rows follows (invoiced ones keep theirs). */
    @KafkaHandler
    public void on(CustomerUpdated event) {
        projection.onCustomer(new CustomerRegistration(Keys.customer(event.getBusinessId(),
                event.getBookingsCustomerId()), event.getBusinessId(), event.getBookingsCustomerId(), true,
                event.getCustomerNo(), event.getName(), null, event.getEventId(), event.getOccurredAt()));
    }

    /** A deleted draft invoice: its bookings come back into the view (see the projection's restore). */
    @KafkaHandler
    public void on(DraftInvoiceDeleted event) {
        projection.restore(event.getBookingIds());
    }

    /** Nothing to do: the command that created the invoice removed its rows when it claimed them. */
    @KafkaHandler
    public void on(DraftInvoiceCreated event) {
    }

    @KafkaHandler
    public void on(ItemRejected event) {
        projection.onItem(new ItemRegistration(Keys.service(event.getBusinessId(), event.getServiceId()),
                event.getBusinessId(), event.getServiceId(), false, null, event.getReason(), event.getEventId(),
                event.getOccurredAt(), null));
    }
}
