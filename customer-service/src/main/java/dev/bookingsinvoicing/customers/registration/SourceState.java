package dev.bookingsinvoicing.customers.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What we last did with one Bookings customer: the discovery applied, the Bookings values it carried, the customer
 * it is linked to (none while rejected before ever being registered) and the event we published for it.
 */
public record SourceState(Discovery applied, BookingsCustomer snapshot, String customerNo, boolean newCustomer,
        RegistrationOutcome lastEvent) {

    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String ADDRESS = "address";

    public boolean linked() {
        return customerNo != null;
    }

    /** The same CustomerDiscovered again (a re-delivery or a replay of the latest one). */
    public boolean isSameDelivery(Discovery discovery) {
        return applied.eventId().equals(discovery.eventId()) && applied.occurredAt().equals(discovery.occurredAt());
    }

    /** Older than the discovery applied last: history being replayed, which must not move the customer back. */
    public boolean isOlderThanApplied(Discovery discovery) {
        return discovery.occurredAt().isBefore(applied.occurredAt());
    }

    /** The Bookings-owned fields (the email compared as matching compares it) that differ between the last applied values and {@code now}. */
    public List<String> changedFields(BookingsCustomer now) {
        List<String> changed = new ArrayList<>();
        if (!same(snapshot.displayName(), now.displayName())) {
            changed.add(NAME);
        }
        if (!java.util.Objects.equals(EmailAddresses.normalise(snapshot.emailAddress()),
                EmailAddresses.normalise(now.emailAddress()))) {
            changed.add(EMAIL);
        }
        if (!same(snapshot.phone(), now.phone())) {
            changed.add(PHONE);
        }
        BookingsCustomer.Address before = orEmpty(snapshot.address());
        BookingsCustomer.Address after = orEmpty(now.address());
        if (!same(before.street(), after.street()) || !same(before.city(), after.city())
                || !same(before.state(), after.state()) || !same(before.postalCode(), after.postalCode())
                || !same(before.countryOrRegion(), after.countryOrRegion())) {
            changed.add(ADDRESS);
        }
        return changed;
    }

    private static BookingsCustomer.Address orEmpty(BookingsCustomer.Address address) {
        return address == null ? new BookingsCustomer.Address(null, null, null, null, null) : address;
    }

    /** Bookings sends "" and null for the same nothing; surrounding spaces are not a change either. */
    private static boolean same(String a, String b) {
        return Objects.equals(a == null || a.isBlank() ? null : a.trim(), b == null || b.isBlank() ? null : b.trim());
    }
}
