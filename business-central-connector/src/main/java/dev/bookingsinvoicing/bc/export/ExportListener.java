package dev.bookingsinvoicing.bc.export;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.CustomerRegistered;
import dev.bookingsinvoicing.events.CustomerUpdated;
import dev.bookingsinvoicing.events.DraftCreditNoteCreated;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;
import dev.bookingsinvoicing.events.ItemRegistered;
import dev.bookingsinvoicing.events.ItemUpdated;
import dev.bookingsinvoicing.schemas.DecimalFields;
import dev.bookingsinvoicing.schemas.Topics;

/** The connector's input: invoices (created, deleted), credit notes and the customer and item registrations. */
@Component
public class ExportListener {

    static final String GROUP = "business-central-connector";

    private final ExportService exports;
    private final InvoiceExporter exporter;

    public ExportListener(ExportService exports, InvoiceExporter exporter) {
        this.exports = exports;
        this.exporter = exporter;
    }

    @KafkaListener(id = "business-central-invoices", groupId = GROUP, topics = Topics.INVOICES,
            concurrency = "${bookings.business-central.listener-concurrency:2}")
    void onInvoice(SpecificRecord event) {
        if (event instanceof DraftInvoiceCreated created) {
            exports.export(created);
        } else if (event instanceof DraftInvoiceDeleted deleted) {
            exports.delete(deleted);
        } else if (event instanceof DraftCreditNoteCreated creditNote) {
            exports.export(creditNote);
        }
        // corrections (InvoicedBookingChanged) are the operator's to resolve; a credited one arrives as a credit note
    }

    @KafkaListener(id = "business-central-registrations", groupId = GROUP,
            topics = { Topics.CUSTOMER_REGISTRATIONS, Topics.ITEM_REGISTRATIONS },
            concurrency = "${bookings.business-central.listener-concurrency:2}")
    void onRegistration(SpecificRecord event) {
        // rejections name no customer or item number: nothing to write
        if (event instanceof CustomerRegistered c) {
            exporter.ensureCustomer(c.getCustomerNo(), c.getName(), c.getEmailAddress(), null, true);
        } else if (event instanceof CustomerUpdated c) {
            exporter.ensureCustomer(c.getCustomerNo(), c.getName(), c.getEmailAddress(), null, true);
        } else if (event instanceof ItemRegistered i) {
            exporter.ensureItem(i.getItemNo(), i.getDescription(),
                    DecimalFields.read(i.getExactUnitPrice(), i.getUnitPrice()), i.getBaseUnitOfMeasure(), true);
        } else if (event instanceof ItemUpdated i) {
            exporter.ensureItem(i.getItemNo(), i.getDescription(),
                    DecimalFields.read(i.getExactUnitPrice(), i.getUnitPrice()), i.getBaseUnitOfMeasure(), true);
        }
    }
}
