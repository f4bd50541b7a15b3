package dev.bookingsinvoicing.invoicing.quarantine;

import java.time.Instant;

/**
 * A Bookings record the sync read but could not use, as operators see it (API and page).
 *
 * @param kind        APPOINTMENT, CUSTOMER or SERVICE
 * @param recordId    the record's Bookings id
 * @param reason      why the sync cannot use it, for a person to act on
 * @param firstSeenAt when the sync first failed to use it
 */
public record QuarantinedRecord(String businessId, String kind, String recordId, String reason,
        Instant firstSeenAt) {
}
