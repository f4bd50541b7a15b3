package dev.bookingsinvoicing.customers.registration;

import java.util.Locale;

/** Email matching: Bookings allows the same address twice, in any case; for us it is one customer. */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** Trimmed and lower-cased (Locale.ROOT, so a Turkish default locale cannot change an "I"); null when blank. */
    public static String normalise(String emailAddress) {
        if (emailAddress == null || emailAddress.isBlank()) {
            return null;
        }
        return emailAddress.trim().toLowerCase(Locale.ROOT);
    }
}
