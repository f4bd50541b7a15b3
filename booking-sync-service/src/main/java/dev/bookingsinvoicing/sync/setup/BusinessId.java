package dev.bookingsinvoicing.sync.setup;

import java.util.regex.Pattern;

/**
 * What a Bookings business id may look like: Graph identifies a business by its mailbox, an SMTP address
 * ({@code ContosoSalon@contoso.onmicrosoft.com}). Checked wherever an id comes in (the API, configuration), so a
 * mistyped or oversized id is refused with the reason instead of being stored or sent to Graph.
 */
public final class BusinessId {

    /** RFC 5321 bounds: 64 characters of local part, 255 of domain, 320 in all. */
    public static final int MAX_LENGTH = 320;

    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+=^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+=^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern
            .compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private BusinessId() {
    }

    /** Returns the id if it is a well-formed mailbox address, else throws saying what is wrong with it. */
    public static String requireValid(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("the business id is empty; it is the business's mailbox address, "
                    + "e.g. ContosoSalon@contoso.onmicrosoft.com");
        }
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the business id has " + id.length() + " characters; a Bookings "
                    + "business id is a mailbox address of at most " + MAX_LENGTH);
        }
        int at = id.lastIndexOf('@');
        String local = at < 0 ? "" : id.substring(0, at);
        String domain = at < 0 ? "" : id.substring(at + 1);
        if (local.length() > 64 || domain.length() > 255 || !LOCAL_PART.matcher(local).matches()
                || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a Bookings business id: it must be the "
                    + "business's mailbox address, e.g. ContosoSalon@contoso.onmicrosoft.com");
        }
        return id;
    }
}
