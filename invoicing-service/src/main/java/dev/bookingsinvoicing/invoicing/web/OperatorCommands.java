package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.commands.AssociateCustomer;
import dev.bookingsinvoicing.commands.DeleteDraftInvoice;
import dev.bookingsinvoicing.commands.InvoiceBookings;
import dev.bookingsinvoicing.commands.InvoiceGrouping;
import dev.bookingsinvoicing.commands.InvoiceScope;
import dev.bookingsinvoicing.commands.MarkBookingsInvoiced;
import dev.bookingsinvoicing.commands.ResolveCorrection;
import dev.bookingsinvoicing.commands.SetBookingPrice;
import dev.bookingsinvoicing.schemas.DecimalFields;

/**
 * The commands the operator pages send, as the published language has them, issued now (the service's clock) by
 * the signed-in user. The pages decide what to ask; this class only says it in commands.
 */
@Component
public class OperatorCommands {

    private final Clock clock;

    public OperatorCommands(Clock clock) {
        this.clock = clock;
    }

    /**
     * Invoice these bookings, grouped as {@code grouping} says (null: the service's default); a {@code preview} only
     * says what it would invoice.
     */
    InvoiceBookings invoiceSelected(String commandId, String by, List<String> bookingIds, boolean preview,
            dev.bookingsinvoicing.invoicing.command.InvoiceGrouping grouping) {
        return InvoiceBookings.newBuilder().setCommandId(commandId).setIssuedAt(clock.instant()).setIssuedBy(by)
                .setScope(InvoiceScope.SELECTED).setBookingIds(bookingIds).setPreview(preview)
                .setGrouping(grouping(grouping)).build();
    }

    /**
     * Invoice all ready bookings, or one customer's ({@code customerNo} not null), narrowed to a business (null: any)
     * and to the filter's local dates, so that the command takes exactly the rows the page shows for them, grouped
     * as {@code grouping} says (null: the service's default); a {@code preview} only says what it would invoice.
     */
    InvoiceBookings invoiceAll(String commandId, String by, String customerNo, String businessId,
            BookingFilter filter, boolean preview, dev.bookingsinvoicing.invoicing.command.InvoiceGrouping grouping) {
        return InvoiceBookings.newBuilder().setCommandId(commandId).setIssuedAt(clock.instant()).setIssuedBy(by)
                .setScope(customerNo == null ? InvoiceScope.ALL : InvoiceScope.CUSTOMER).setCustomerNo(customerNo)
                .setBusinessId(businessId).setFromDate(filter.from()).setToDate(filter.to()).setPreview(preview)
                .setGrouping(grouping(grouping)).build();
    }

    private static InvoiceGrouping grouping(dev.bookingsinvoicing.invoicing.command.InvoiceGrouping grouping) {
        return grouping == null ? null : InvoiceGrouping.valueOf(grouping.name());
    }

    MarkBookingsInvoiced markInvoiced(String commandId, String by, List<String> bookingIds, String reason) {
        return MarkBookingsInvoiced.newBuilder().setCommandId(commandId).setIssuedAt(clock.instant()).setIssuedBy(by)
                .setBookingIds(bookingIds).setReason(reason).build();
    }

    AssociateCustomer associate(String commandId, String by, String businessId, String bookingsCustomerId,
            String customerNo, String customerName) {
        return AssociateCustomer.newBuilder().setCommandId(commandId).setIssuedAt(clock.instant()).setIssuedBy(by)
                .setBusinessId(businessId).setBookingsCustomerId(bookingsCustomerId).setCustomerNo(customerNo)
                .setCustomerName(customerName).build();
    }

    /** The price and quantity exactly (5 decimals), and rounded to the first version's scales for old readers. */
    SetBookingPrice setPrice(String commandId, String by, List<String> bookingIds, BigDecimal unitPrice,
            BigDecimal quantity) {
        return SetBookingPrice.newBuilder().setCommandId(commandId).setIssuedAt(clock.instant()).setIssuedBy(by)
                .setBookingIds(bookingIds).setUnitPrice(DecimalFields.legacyMoney(unitPrice))
                .setQuantity(DecimalFields.legacyQuantity(quantity)).setExactUnitPrice(DecimalFields.exact(unitPrice))
                .setExactQuantity(DecimalFields.exact(quantity)).build();
    }

    DeleteDraftInvoice deleteDraft(String commandId, String by, String invoiceId) {
        return DeleteDraftInvoice.newBuilder().setCommandId(commandId).setIssuedAt(clock.instant()).setIssuedBy(by)
                .setInvoiceId(invoiceId).build();
    }

    /** Resolve a correction: {@code resolution} CREDIT or ACCEPT. */
    ResolveCorrection resolveCorrection(String commandId, String by, String correctionId, String resolution) {
        return ResolveCorrection.newBuilder().setCommandId(commandId).setIssuedAt(clock.instant()).setIssuedBy(by)
                .setCorrectionId(correctionId).setResolution(resolution).build();
    }
}
