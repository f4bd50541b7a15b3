package dev.bookingsinvoicing.invoicing.command;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.bookingsinvoicing.events.CommandCompleted;
import dev.bookingsinvoicing.events.CommandRejected;
import dev.bookingsinvoicing.events.DraftInvoiceCreated;
import dev.bookingsinvoicing.events.DraftInvoiceDeleted;

/**
 * Domain results to the published language. Event ids are derived from what the event is about (invoice id,
 * command id) and times come from the stored plan or result, so a re-published event is byte-for-byte the same.
 */
final class InvoicingEvents {

    private InvoicingEvents() {
    }

    static DraftInvoiceCreated draftInvoiceCreated(DraftInvoice invoice) {
        return DraftInvoiceCreated.newBuilder()
                .setEventId(eventId("DraftInvoiceCreated", invoice.id()))
                .setOccurredAt(invoice.createdAt())
                .setInvoiceId(invoice.id())
                .setCommandId(invoice.commandId())
                .setCustomerNo(invoice.customerNo())
                .setCustomerName(invoice.customerName() == null ? "" : invoice.customerName())
                .setCurrency(invoice.currency())
                .setLines(invoice.lines().stream().map(l -> dev.bookingsinvoicing.events.InvoiceLine.newBuilder()
                        .setLineNo(l.lineNo())
                        .setBookingId(l.bookingId())
                        .setBusinessId(l.businessId())
                        .setItemNo(l.itemNo())
                        .setDescription(l.description())
                        .setServiceDate(l.serviceDate())
                        .setQuantity(l.quantity())
                        .setUnitPrice(l.unitPrice())
                        .setAmount(l.amount())
                        .build()).toList())
                .setTotalAmount(invoice.totalAmount())
                .build();
    }

    static CommandCompleted commandCompleted(CommandResult result) {
        return CommandCompleted.newBuilder()
                .setEventId(eventId("CommandCompleted", result.id()))
                .setOccurredAt(result.occurredAt())
                .setCommandId(result.id())
                .setCommandType(result.commandType())
                .setInvoiceIds(result.invoiceIds())
                .setBookingsInvoiced(result.bookingsInvoiced())
                .setSkipped(result.skipped().stream().map(s -> new dev.bookingsinvoicing.events.SkippedBooking(
                        s.bookingId(), s.reason())).toList())
                .setBookingIds(result.bookingIds() == null ? java.util.List.of() : result.bookingIds())
                .build();
    }

    static CommandRejected commandRejected(CommandResult result) {
        return new CommandRejected(eventId("CommandRejected", result.id()), result.occurredAt(), result.id(),
                result.commandType(), result.reason());
    }

    static DraftInvoiceDeleted draftInvoiceDeleted(DeletedInvoice deleted) {
        return new DraftInvoiceDeleted(eventId("DraftInvoiceDeleted", deleted.id()), deleted.deletedAt(),
                deleted.id(), deleted.commandId(), deleted.customerNo(), deleted.bookingIds());
    }

    private static String eventId(String type, String subject) {
        return UUID.nameUUIDFromBytes((type + "/" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
