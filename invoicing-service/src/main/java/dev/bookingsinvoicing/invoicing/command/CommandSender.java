package dev.bookingsinvoicing.invoicing.command;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.schemas.Topics;

/**
 * Puts a command from the page on {@code invoicing.commands}, keyed by its commandId, and waits for the broker's
 * acknowledgement so that the page only says "sent" for a command that is really on the topic. The service's
 * producer is transactional (the command listener needs it), so a send from a web request is its own small
 * transaction.
 */
@Component
public class CommandSender {

    private final KafkaTemplate<String, Object> kafka;

    public CommandSender(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public void send(String commandId, SpecificRecord command) {
        if (kafka.isTransactional()) {
            kafka.executeInTransaction(t -> t.send(Topics.INVOICING_COMMANDS, commandId, command).join());
        } else {
            kafka.send(Topics.INVOICING_COMMANDS, commandId, command).join();
        }
    }
}
