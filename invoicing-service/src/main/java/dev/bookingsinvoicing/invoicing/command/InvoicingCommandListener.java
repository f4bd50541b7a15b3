package dev.bookingsinvoicing.invoicing.command;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Receives invoicing commands. Runs in the listener container's Kafka transaction, so the events the handler
 * sends and this record's offset are committed together.
 */
@Component
public class InvoicingCommandListener {

    private final InvoiceBookingsHandler handler;

    public InvoicingCommandListener(InvoiceBookingsHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "invoicing-commands", topics = Topics.INVOICING_COMMANDS)
    public void on(InvoiceBookings command) {
        handler.handle(new InvoiceCommand(command.getCommandId(), command.getIssuedBy(),
                command.getScope() == null ? null : InvoiceScope.valueOf(command.getScope().name()),
                command.getBookingIds() == null ? java.util.List.of() : command.getBookingIds(),
                command.getCustomerNo(), command.getBusinessId(), command.getFrom(), command.getTo()));
    }
}
