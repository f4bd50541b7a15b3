package dev.bookingsinvoicing.schemas;

import java.util.List;
import java.util.Optional;

import dev.bookingsinvoicing.commands.AssociateCustomer;
import dev.bookingsinvoicing.commands.DeleteDraftInvoice;
import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
import dev.bookingsinvoicing.commands.ResolveCorrection;
import dev.bookingsinvoicing.commands.SetBookingPrice;
import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.events.AppointmentCompleted;
import dev.bookingsinvoicing.events.BookingsRecordQuarantined;
import dev.bookingsinvoicing.events.BookingsRecordReleased;
import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.CustomerDiscovered;
import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerRejected;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.InvoiceExportFailed;
import dev.bookingsinvoicing.events.InvoiceExported;
import dev.bookingsinvoicing.events.InvoicedBookingChanged;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemRejected;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.events.ServiceDiscovered;

/**
 * The topic catalog: every topic of the system, its key and the value types it carries, declared once.
 * The string constants exist so that annotations such as {@code @KafkaListener(topics = ...)} can use them.
 */
public final class Topics {

    public static final String APPOINTMENTS = "bookings.appointments";
    public static final String CUSTOMERS = "bookings.customers";
    public static final String SERVICES = "bookings.services";
    public static final String QUARANTINE = "bookings.quarantine";
    public static final String CUSTOMER_REGISTRATIONS = "customers.registrations";
    public static final String ITEM_REGISTRATIONS = "items.registrations";
    public static final String INVOICING_COMMANDS = "invoicing.commands";
    public static final String INVOICES = "invoicing.invoices";
    public static final String COMMAND_RESULTS = "invoicing.command-results";
    public static final String BUSINESS_CENTRAL_EXPORTS = "business-central.exports";

    /** spring-kafka's default dead-letter suffix, used consistently by every service. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    public static final List<Topic> CATALOG = List.of(
            new Topic(APPOINTMENTS, "{businessId}/{appointmentId}", "booking-sync-service",
                    List.of(AppointmentCompleted.class, AppointmentCancelled.class), Topic.Cleanup.DELETE),
            new Topic(CUSTOMERS, "{businessId}/{bookingsCustomerId}", "booking-sync-service",
                    List.of(CustomerDiscovered.class), Topic.Cleanup.COMPACT),
            new Topic(SERVICES, "{businessId}/{serviceId}", "booking-sync-service",
                    List.of(ServiceDiscovered.class), Topic.Cleanup.COMPACT),
            new Topic(QUARANTINE, "{businessId}/{kind}/{recordId}", "booking-sync-service",
                    List.of(BookingsRecordQuarantined.class, BookingsRecordReleased.class), Topic.Cleanup.COMPACT),
            new Topic(CUSTOMER_REGISTRATIONS, "{businessId}/{bookingsCustomerId}", "customer-service",
                    List.of(CustomerRegistered.class, CustomerUpdated.class, CustomerRejected.class), Topic.Cleanup.COMPACT),
            new Topic(ITEM_REGISTRATIONS, "{businessId}/{serviceId}", "item-service",
                    List.of(ItemRegistered.class, ItemUpdated.class, ItemRejected.class), Topic.Cleanup.COMPACT),
            new Topic(INVOICING_COMMANDS, "commandId", "operators; invoicing-service's billing schedules",
                    List.of(InvoiceBookings.class, MarkBookingsInvoiced.class, AssociateCustomer.class,
                            DeleteDraftInvoice.class, SetBookingPrice.class, ResolveCorrection.class),
                    Topic.Cleanup.DELETE),
            new Topic(INVOICES, "customerNo", "invoicing-service",
                    List.of(DraftInvoiceCreated.class, DraftInvoiceDeleted.class, InvoicedBookingChanged.class,
                            DraftCreditNoteCreated.class), Topic.Cleanup.DELETE),
            new Topic(COMMAND_RESULTS, "commandId", "invoicing-service",
                    List.of(CommandCompleted.class, CommandRejected.class), Topic.Cleanup.DELETE),
            // the latest export status per invoice is the state: compaction keeps it
            new Topic(BUSINESS_CENTRAL_EXPORTS, "invoiceId", "business-central-connector",
                    List.of(InvoiceExported.class, InvoiceExportFailed.class), Topic.Cleanup.COMPACT));

    private Topics() {
    }

    public static Topic byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no topic named " + name + " in the catalog"));
    }

    /** The catalog's topic of this name; empty for a dead-letter topic or one the catalog does not know. */
    public static Optional<Topic> find(String name) {
        return CATALOG.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
