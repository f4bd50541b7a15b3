package dev.bookingsinvoicing.invoicing.quarantine;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.BookingsRecordQuarantined;
import dev.bookingsinvoicing.events.BookingsRecordReleased;
import dev.bookingsinvoicing.invoicing.view.BookingsNotInvoicedListener;
import dev.bookingsinvoicing.kafka.InvalidMessageException;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Hands {@code bookings.quarantine} to {@link BookingsQuarantine}. It publishes nothing, so it runs in the view's
 * container factory (no Kafka transaction), in a group of its own: operators see quarantined records even while
 * the view catches up on appointments. A record it cannot use (undecodable, of another type) goes to the shared
 * error policy, which dead-letters it to {@code bookings.quarantine-dlt}.
 */
@Component
public class BookingsQuarantineListener {

    private static final LogAccessor log = new LogAccessor(BookingsQuarantineListener.class);

    private final BookingsQuarantine quarantine;

    public BookingsQuarantineListener(BookingsQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    @KafkaListener(id = "${bookings.invoicing.quarantine-group:invoicing-quarantine}", topics = Topics.QUARANTINE,
            containerFactory = BookingsNotInvoicedListener.CONTAINER_FACTORY)
    public void on(ConsumerRecord<String, Object> record) {
        Object value = record.value();
        if (value instanceof BookingsRecordQuarantined event) {
            quarantine.quarantined(new QuarantinedRecord(event.getBusinessId(), event.getKind().name(),
                    event.getRecordId(), event.getReason(), event.getFirstSeenAt()), event.getOccurredAt());
        } else if (value instanceof BookingsRecordReleased event) {
            quarantine.released(event.getBusinessId(), event.getKind().name(), event.getRecordId(),
                    event.getOccurredAt());
        } else if (value == null) {
            DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
            if (undecodable != null) {
                throw undecodable;
            }
            // a tombstone (compaction clean-up of a released record): a released record is not shown either way
        } else {
            throw new InvalidMessageException("the quarantine list has no use for "
                    + value.getClass().getSimpleName() + " records on " + record.topic());
        }
    }
}
