package dev.bookingsinvoicing.invoicing.command;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.schemas.Topics;

/**
 * Sends what commands publish, in the command listener's Kafka transaction: results on
 * {@code invoicing.command-results} (key: command id), invoice events on {@code invoicing.invoices} (key: customer
 * no.). Each event is built from the stored result or invoice, so a re-published event is byte-for-byte the same.
 */
@Component
public class CommandPublisher {

    private final KafkaTemplate<String, Object> kafka;

    public CommandPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public void publish(CommandResult result) {
        Object event = result.outcome() == CommandResult.Outcome.COMPLETED ? InvoicingEvents.commandCompleted(result)
                : InvoicingEvents.commandRejected(result);
        kafka.send(Topics.COMMAND_RESULTS, result.id(), event);
    }

    public void publish(InvoiceEvent event) {
        Object value = event instanceof DraftInvoice created ? InvoicingEvents.draftInvoiceCreated(created)
                : event instanceof DeletedInvoice deleted ? InvoicingEvents.draftInvoiceDeleted(deleted)
                : ((InvoiceEvent.Published) event).toRecord();
        kafka.send(Topics.INVOICES, event.customerNo(), value);
    }
}
