package dev.bookingsinvoicing.invoicing.command;

import dev.bookingsinvoicing.invoicing.view.BookingClaim;

/**
 * A booking a command did not act on (or, for a rejected command, one that made it refused), why in words, and the
 * kind of why for programs (the CLI, the page). Results stored before kinds were kept read as {@link Kind#OTHER}.
 */
public record SkippedBooking(String bookingId, String reason, Kind kind) {

    /** Why, for programs; published as CommandCompleted's (v3) and CommandRejected's (v2) {@code kind}. */
    public enum Kind {
        /** No such booking in the view, and no claim: it never existed (or was deleted in Bookings). */
        NOT_FOUND,
        /** On a draft invoice (the claim names it). */
        ALREADY_INVOICED,
        /** Marked as invoiced (the claim says by whom and why). */
        MARKED_INVOICED,
        /** In the view, but outside the command's business or dates. */
        OUTSIDE_SCOPE,
        /** In scope but not billable as it is: needs a price, an unmatched customer, an unmapped service. */
        NOT_READY,
        /** Anything else. */
        OTHER
    }

    public SkippedBooking {
        kind = kind == null ? Kind.OTHER : kind;
    }

    public SkippedBooking(String bookingId, String reason) {
        this(bookingId, reason, Kind.OTHER);
    }

    /** A booking another command holds: invoiced or marked, as its claim says. */
    public static SkippedBooking claimed(BookingClaim claim) {
        return new SkippedBooking(claim.id(), claim.describe(),
                claim.invoiceId() != null ? Kind.ALREADY_INVOICED : Kind.MARKED_INVOICED);
    }

    public static SkippedBooking notFound(String bookingId) {
        return new SkippedBooking(bookingId, "unknown booking id", Kind.NOT_FOUND);
    }
}
