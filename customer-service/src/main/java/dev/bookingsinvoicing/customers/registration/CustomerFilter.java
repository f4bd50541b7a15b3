package dev.bookingsinvoicing.customers.registration;

import java.util.List;
import java.util.Optional;

import dev.bookingsinvoicing.registration.RegistrationFilter;
import dev.bookingsinvoicing.registration.Rejection;
import dev.bookingsinvoicing.service.registration.FilterValues;

/**
 * BC's customer filter: a customer needs an email address (it is how we match and invoice people), and may be
 * limited to configured cities, counties/states, postal codes and countries. The country is the one the customer
 * would get: Bookings' country, or the template's country/region code when Bookings has none.
 */
public record CustomerFilter(CustomerProperties.Filter settings)
        implements RegistrationFilter<BookingsCustomer, CustomerTemplate> {

    public static final String EMAIL_REQUIRED = "email-required";
    public static final String CITY = "city-filter";
    public static final String STATE = "state-filter";
    public static final String POSTAL_CODE = "postal-code-filter";
    public static final String COUNTRY = "country-filter";

    /** The first rule the customer fails, or empty when it may be registered with {@code template}. */
    @Override
    public Optional<Rejection> check(BookingsCustomer customer, CustomerTemplate template) {
        if (EmailAddresses.normalise(customer.emailAddress()) == null) {
            return Optional.of(new Rejection(EMAIL_REQUIRED,
                    "Bookings customer " + customer.displayName() + " has no email address; an email address is required"));
        }
        BookingsCustomer.Address address = customer.address() == null
                ? new BookingsCustomer.Address(null, null, null, null, null) : customer.address();
        String country = isBlank(address.countryOrRegion()) && template != null ? template.countryRegionCode()
                : address.countryOrRegion();
        return firstFailure(
                check(CITY, "city", settings.city(), address.city()),
                check(STATE, "county/state", settings.state(), address.state()),
                check(POSTAL_CODE, "postal code", settings.postalCode(), address.postalCode()),
                check(COUNTRY, "country", settings.country(), country));
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
        if (FilterValues.accepts(accepted, value)) {
            return Optional.empty();
        }
        String shown = isBlank(value) ? "no " + what : what + " '" + value.trim() + "'";
        return Optional.of(new Rejection(rule, "customer has " + shown + "; the customer filter accepts only "
                + String.join(", ", accepted)));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
