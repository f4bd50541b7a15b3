package dev.bookingsinvoicing.customers.registration;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * BC's customer filter: a customer needs an email address (it is how we match and invoice people), and may be
 * limited to configured cities, states, postal codes and countries.
 */
public final class CustomerFilter {

    public static final String EMAIL_REQUIRED = "email-required";
    public static final String CITY = "city-filter";
    public static final String STATE = "state-filter";
    public static final String POSTAL_CODE = "postal-code-filter";
    public static final String COUNTRY = "country-filter";

    private final CustomerProperties.Filter settings;

    public CustomerFilter(CustomerProperties.Filter settings) {
        this.settings = settings;
    }

    /** The first rule the customer fails, or empty when it may be registered. */
    public Optional<Rejection> check(BookingsCustomer customer) {
        if (EmailAddresses.normalise(customer.emailAddress()) == null) {
            return Optional.of(new Rejection(EMAIL_REQUIRED,
                    "Bookings customer " + customer.displayName() + " has no email address; an email address is required"));
        }
        BookingsCustomer.Address address = customer.address();
        return firstFailure(
                check(CITY, "city", settings.city(), address == null ? null : address.city()),
                check(STATE, "state", settings.state(), address == null ? null : address.state()),
                check(POSTAL_CODE, "postal code", settings.postalCode(), address == null ? null : address.postalCode()),
                check(COUNTRY, "country", settings.country(), address == null ? null : address.countryOrRegion()));
    }

    @SafeVarargs
    private static Optional<Rejection> firstFailure(Optional<Rejection>... checks) {
        for (Optional<Rejection> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> check(String rule, String what, List<String> accepted, String value) {
        if (accepted == null || accepted.isEmpty()) {
            return Optional.empty();
        }
        String normalised = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        boolean matches = accepted.stream().anyMatch(a -> a.trim().toLowerCase(Locale.ROOT).equals(normalised));
        if (matches) {
            return Optional.empty();
        }
        String shown = normalised.isEmpty() ? "no " + what : what + " '" + value.trim() + "'";
        return Optional.of(new Rejection(rule, "customer has " + shown + "; the customer filter accepts only "
                + String.join(", ", accepted)));
    }
}
