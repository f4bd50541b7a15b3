package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;
import java.util.List;

/**
 * Told by the projection when an appointment event touches bookings that are on a draft invoice (claimed by an
 * invoice, not by a mark): the view itself never writes them again, but the invoice may no longer be right. Called
 * after the view's rows are written and before the appointment's state is saved, so that a crash in between makes
 * the re-delivered event call it again with the same changes (the watcher must be idempotent).
 */
public interface InvoicedBookingWatcher {

    /** Watches nothing: the projection alone, as in its unit tests. */
    InvoicedBookingWatcher NONE = changes -> {
    };

    void changed(List<Change> changes);

    /**
     * One invoiced booking touched by an appointment event.
     *
     * @param claim      the claim that puts the booking on its invoice ({@code invoiceId} set)
     * @param now        the booking's row as the view would have it now, classified and priced by the view's rules;
     *                   null when the appointment was cancelled or the attendee is no longer on it
     * @param occurredAt when the appointment event occurred
     */
    record Change(BookingClaim claim, BookingRow now, Instant occurredAt) {
    }
}
