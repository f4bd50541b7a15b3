package dev.bookingsinvoicing.invoicing.command;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.kafka.AcknowledgedSends;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Puts a command from the page on {@code invoicing.commands}, keyed by its commandId, and waits for the broker's
 * acknowledgement ({@link AcknowledgedSends}, a transaction of its own) so that the page only says "sent" for a
 * command that is really on the topic.
 */
@Component
public class CommandSender {

    private final KafkaTemplate<String, Object> kafka;

    public CommandSender(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public void send(String commandId, SpecificRecord command) {
        AcknowledgedSends.send(kafka, Topics.INVOICING_COMMANDS, commandId, command);
    }
}
