package dev.bookingsinvoicing.invoicing.correction;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.kafka.AcknowledgedSends;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Publishes InvoicedBookingChanged from the view's listener, which runs without a Kafka transaction: each in a
 * transaction of its own ({@link AcknowledgedSends}), committed before the view goes on (so before the appointment's
 * state is saved). At least once: a crash after the commit and before the state is saved publishes the same event
 * (same correctionId, same eventId, same content) again when the appointment event is re-delivered; consumers
 * deduplicate by correctionId.
 */
@Component
class CorrectionPublisher {

    private final KafkaTemplate<String, Object> kafka;

    CorrectionPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    void publish(Correction correction) {
        AcknowledgedSends.send(kafka, Topics.INVOICES, correction.customerNo(),
                CorrectionEvents.invoicedBookingChanged(correction));
    }
}
