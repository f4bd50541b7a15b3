package dev.bookingsinvoicing.customers.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the state of a Bookings customer keeps besides the customer no. it is linked to: the Bookings values applied
 * last, and whether it is the Bookings customer that created the customer (only that one changes its details).
 */
public record CustomerLink(BookingsCustomer snapshot, boolean newCustomer) {

    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String ADDRESS = "address";

    /**
     * The Bookings-owned fields (the email compared as matching compares it) that differ between the last applied
     * values and {@code now}.
     */
    public List<String> changedFields(BookingsCustomer now) {
        List<String> changed = new ArrayList<>();
        if (!same(snapshot.displayName(), now.displayName())) {
            changed.add(NAME);
        }
        if (!Objects.equals(EmailAddresses.normalise(snapshot.emailAddress()),
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

    static BookingsCustomer.Address orEmpty(BookingsCustomer.Address address) {
        return address == null ? new BookingsCustomer.Address(null, null, null, null, null) : address;
    }

    /** Bookings sends "" and null for the same nothing; surrounding spaces are not a change either. */
    private static boolean same(String a, String b) {
        return Objects.equals(a == null || a.isBlank() ? null : a.trim(), b == null || b.isBlank() ? null : b.trim());
    }
}
