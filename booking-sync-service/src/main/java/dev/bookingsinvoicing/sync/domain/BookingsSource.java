package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;

import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessSnapshot;

/** Where a sync run reads a Bookings business from (Graph in production). */
public interface BookingsSource {

    /** The business, all its services and customers, and the appointments overlapping [from, to). */
    BusinessSnapshot read(String businessId, Instant from, Instant to);
}
