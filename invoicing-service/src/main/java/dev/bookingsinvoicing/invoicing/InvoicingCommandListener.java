package dev.bookingsinvoicing.invoicing;

import java.util.List;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.commands.AssociateCustomer;
import dev.bookingsinvoicing.commands.DeleteDraftInvoice;
import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
import dev.bookingsinvoicing.commands.ResolveCorrection;
import dev.bookingsinvoicing.commands.SetBookingPrice;
import dev.bookingsinvoicing.invoicing.command.AssociateCustomerHandler;
import dev.bookingsinvoicing.invoicing.command.CommandLifecycle;
import dev.bookingsinvoicing.invoicing.command.DeleteDraftInvoiceHandler;
import dev.bookingsinvoicing.invoicing.command.InvoiceBookingsHandler;
import dev.bookingsinvoicing.invoicing.command.InvoiceCommand;
import dev.bookingsinvoicing.invoicing.command.InvoiceGrouping;
import dev.bookingsinvoicing.invoicing.command.InvoiceScope;
import dev.bookingsinvoicing.invoicing.command.MarkBookingsInvoicedHandler;
import dev.bookingsinvoicing.invoicing.command.SetBookingPriceHandler;
import dev.bookingsinvoicing.invoicing.correction.ResolveCorrectionHandler;
import dev.bookingsinvoicing.schemas.DecimalFields;
import dev.bookingsinvoicing.schemas.Topics;

/**
 * Receives invoicing commands, one small method per command type. Runs in the listener container's Kafka
 * transaction, so the events a handler sends and this record's offset are committed together. The group id is a
 * property so that a test can run a second, independent instance against the same broker.
 */
@Component
@KafkaListener(id = "${bookings.invoicing.command-group:invoicing-commands}", topics = Topics.INVOICING_COMMANDS)
public class InvoicingCommandListener {

    private final CommandLifecycle lifecycle;
    private final InvoiceBookingsHandler invoice;
    private final MarkBookingsInvoicedHandler mark;
    private final AssociateCustomerHandler associate;
    private final DeleteDraftInvoiceHandler delete;
    private final SetBookingPriceHandler price;
    private final ResolveCorrectionHandler resolve;

    public InvoicingCommandListener(CommandLifecycle lifecycle, InvoiceBookingsHandler invoice,
            MarkBookingsInvoicedHandler mark, AssociateCustomerHandler associate, DeleteDraftInvoiceHandler delete,
            SetBookingPriceHandler price, ResolveCorrectionHandler resolve) {
        this.lifecycle = lifecycle;
        this.invoice = invoice;
        this.mark = mark;
        this.associate = associate;
        this.delete = delete;
        this.price = price;
        this.resolve = resolve;
    }

    @KafkaHandler
    public void on(InvoiceBookings command) {
        lifecycle.handle(invoice, new InvoiceCommand(command.getCommandId(), command.getIssuedBy(),
                command.getScope() == null ? null : InvoiceScope.valueOf(command.getScope().name()),
                command.getBookingIds() == null ? List.of() : command.getBookingIds(),
                command.getCustomerNo(), command.getBusinessId(), command.getFrom(), command.getTo(),
                command.getFromDate(), command.getToDate(), command.getPreview(),
                command.getGrouping() == null ? null : InvoiceGrouping.valueOf(command.getGrouping().name())));
    }

    @KafkaHandler
    public void on(MarkBookingsInvoiced command) {
        lifecycle.handle(mark, new MarkBookingsInvoicedHandler.Command(command.getCommandId(), command.getIssuedBy(),
                command.getBookingIds(), command.getReason()));
    }

    @KafkaHandler
    public void on(AssociateCustomer command) {
        lifecycle.handle(associate, new AssociateCustomerHandler.Command(command.getCommandId(), command.getIssuedBy(),
                command.getBusinessId(), command.getBookingsCustomerId(), command.getCustomerNo(),
                command.getCustomerName()));
    }

    @KafkaHandler
    public void on(DeleteDraftInvoice command) {
        lifecycle.handle(delete, new DeleteDraftInvoiceHandler.Command(command.getCommandId(), command.getIssuedBy(),
                command.getInvoiceId()));
    }

    @KafkaHandler
    public void on(SetBookingPrice command) {
        lifecycle.handle(price, new SetBookingPriceHandler.Command(command.getCommandId(), command.getIssuedBy(),
                command.getBookingIds(), DecimalFields.read(command.getExactUnitPrice(), command.getUnitPrice()),
                DecimalFields.read(command.getExactQuantity(), command.getQuantity())));
    }

    @KafkaHandler
    public void on(ResolveCorrection command) {
        lifecycle.handle(resolve, new ResolveCorrectionHandler.Command(command.getCommandId(), command.getIssuedBy(),
                command.getCorrectionId(), command.getResolution(), command.getReason()));
    }
}
