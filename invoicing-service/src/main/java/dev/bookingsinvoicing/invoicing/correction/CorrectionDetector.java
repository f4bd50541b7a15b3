package dev.bookingsinvoicing.invoicing.correction;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.command.DraftInvoiceStore;
import dev.bookingsinvoicing.invoicing.command.InvoiceLine;
import dev.bookingsinvoicing.invoicing.command.InvoicePlanner;
import dev.bookingsinvoicing.invoicing.store.DocumentsById;
import dev.bookingsinvoicing.invoicing.view.BookingClaims;
import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.InvoicedBookingWatcher;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;
import dev.bookingsinvoicing.invoicing.view.ItemRegistration;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * Turns changes of invoiced bookings into corrections: compares the line on the draft invoice with the line the
 * booking would get now (made by {@link InvoicePlanner#line} from the view's classified row, the rules that made the
 * invoiced one), and for a cancellation or a difference records a correction, publishes InvoicedBookingChanged and
 * supersedes the older open corrections of the same booking (latest change wins). A change back to the invoiced line
 * supersedes them without a new one.
 *
 * <p>Idempotent: the correction id is deterministic ({@link CorrectionRules#correctionId}), so a re-delivered event
 * finds the recorded correction and publishes the same event again. A draft deleted meanwhile: its corrections are
 * resolved by the delete; one recorded after the delete looked (its claim gone, the invoice tombstoned) is resolved
 * here the same way. A booking claimed by an InvoiceBookings that has not stored its draft yet (claims come first)
 * fails the event, which the view's error policy applies again a moment later, rather than missing the change.
 */
@Component
public class CorrectionDetector implements InvoicedBookingWatcher {

    private final DraftInvoiceStore invoices;
    private final InvoicePlanner planner;
    private final CorrectionStore store;
    private final CorrectionPublisher publisher;
    private final BookingClaims claims;
    private final DocumentsById documents;
    private final Clock clock;

    public CorrectionDetector(DraftInvoiceStore invoices, InvoicePlanner planner, CorrectionStore store,
            CorrectionPublisher publisher, BookingClaims claims, DocumentsById documents, Clock clock) {
        this.invoices = invoices;
        this.planner = planner;
        this.store = store;
        this.publisher = publisher;
        this.claims = claims;
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public void changed(List<Change> changes) {
        Map<String, DraftInvoice> byId = new HashMap<>();
        invoices.find(changes.stream().map(c -> c.claim().invoiceId()).distinct().toList())
                .forEach(i -> byId.put(i.id(), i));
        Map<String, ItemRegistration> items = documents.byId(changes.stream().map(Change::now)
                .filter(r -> r != null && r.serviceId() != null).map(r -> Keys.service(r.businessId(), r.serviceId()))
                .distinct().toList(), ItemRegistration.class, ItemRegistration::id);
        for (Change change : changes) {
            DraftInvoice invoice = byId.get(change.claim().invoiceId());
            if (invoice == null && invoices.tombstone(change.claim().invoiceId()).isEmpty()) {
                // claimed, but its draft not stored yet: the InvoiceBookings is in flight; the event is retried
                throw new IllegalStateException("draft invoice " + change.claim().invoiceId() + " of booking "
                        + change.claim().id() + " is still being created; the appointment event is applied again");
            }
            Optional<InvoiceLine> line = invoice == null ? Optional.empty()
                    : invoice.lines().stream().filter(l -> l.bookingId().equals(change.claim().id())).findFirst();
            if (line.isPresent()) {
                detect(invoice, line.get(), change, items);
            }
        }
    }

    private void detect(DraftInvoice invoice, InvoiceLine invoicedLine, Change change,
            Map<String, ItemRegistration> items) {
        CorrectionLine invoiced = CorrectionRules.lineOf(invoicedLine, invoice.customerNo());
        BookingRow row = change.now();
        CorrectionLine now = row == null ? null : CorrectionRules
                .lineOf(planner.line(invoicedLine.lineNo(), row, posting(row, items)), row.customerNo());
        String bookingId = invoicedLine.bookingId();
        if (now != null && !CorrectionRules.differs(invoiced, now)) {
            store.supersedeOpen(invoice.id(), bookingId, null, clock.instant());
            return;
        }
        Correction correction = store.record(new Correction(
                CorrectionRules.correctionId(invoice.id(), bookingId, change.occurredAt(), now), invoice.id(),
                invoice.commandId(), invoice.customerNo(), invoice.customerName(), invoice.currency(), bookingId,
                invoicedLine.businessId(), now == null ? Correction.Kind.CANCELLED : Correction.Kind.CHANGED, invoiced,
                now, CorrectionRules.reasonNow(row), clock.instant(), Correction.Status.OPEN, null, null, null, null,
                null));
        publisher.publish(correction);
        if (correction.status() == Correction.Status.OPEN) {
            store.supersedeOpen(invoice.id(), bookingId, correction.id(), correction.detectedAt());
        }
        boolean stillOnInvoice = claims.claimsOf(List.of(bookingId)).values().stream()
                .anyMatch(c -> invoice.id().equals(c.invoiceId()));
        if (!stillOnInvoice) {
            invoices.tombstone(invoice.id()).ifPresent(deleted -> store.resolveDeleted(invoice.id(),
                    deleted.commandId(), deleted.issuedBy(), deleted.deletedAt()));
        }
    }

    private static ItemPosting posting(BookingRow row, Map<String, ItemRegistration> items) {
        ItemRegistration item = row.serviceId() == null ? null
                : items.get(Keys.service(row.businessId(), row.serviceId()));
        return item == null || item.posting() == null ? ItemPosting.UNKNOWN : item.posting();
    }
}
