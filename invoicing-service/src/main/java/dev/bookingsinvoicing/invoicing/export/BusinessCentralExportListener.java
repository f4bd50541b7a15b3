package dev.bookingsinvoicing.invoicing.export;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.InvoiceExportFailed;
import dev.bookingsinvoicing.events.InvoiceExported;
import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedListener;
import dev.bookingsinvoicing.kafka.InvalidMessageException;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Hands {@code business-central.exports} to {@link BusinessCentralExports}. It publishes nothing, so it runs in the
 * view's container factory (no Kafka transaction), in a group of its own, as the quarantine listener does. Where no
 * Business Central connector runs the topic stays empty and the page shows no status.
 */
@Component
public class BusinessCentralExportListener {

    private static final LogAccessor log = new LogAccessor(BusinessCentralExportListener.class);

    private final BusinessCentralExports exports;

    public BusinessCentralExportListener(BusinessCentralExports exports) {
        this.exports = exports;
    }

    @KafkaListener(id = "${bookings.invoicing.exports-group:invoicing-business-central-exports}",
            topics = Topics.BUSINESS_CENTRAL_EXPORTS, containerFactory = BookingsNotInvoicedListener.CONTAINER_FACTORY)
    public void on(ConsumerRecord<String, Object> record) {
        Object value = record.value();
        if (value instanceof InvoiceExported event) {
            exports.exported(event);
        } else if (value instanceof InvoiceExportFailed event) {
            exports.failed(event);
        } else if (value == null) {
            DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
            if (undecodable != null) {
                throw undecodable;
            }
        } else {
            throw new InvalidMessageException("the export status has no use for "
                    + value.getClass().getSimpleName() + " records on " + record.topic());
        }
    }
}
