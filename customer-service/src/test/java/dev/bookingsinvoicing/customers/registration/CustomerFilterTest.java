package dev.bookingsinvoicing.customers.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bookingsinvoicing.registration.Rejection;

class CustomerFilterTest {

    static final CustomerTemplate TEMPLATE = new CustomerTemplate("BOOKINGS", null, "DOMESTIC", "DOMESTIC", "DOMESTIC",
            null, null, "", "", null, false);
    private static final CustomerProperties.Filter ANY = new CustomerProperties.Filter(List.of(), List.of(), List.of(), List.of());

    @Test
    void aCustomerWithoutAnEmailAddressIsRejectedBecauseEmailIsRequired() {
        CustomerFilter filter = new CustomerFilter(ANY);

        assertThat(filter.check(customer(null, "DK"), TEMPLATE)).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo("email-required");
            assertThat(r.reason()).contains("no email address");
        });
        assertThat(filter.check(customer("   ", "DK"), TEMPLATE)).map(Rejection::rule).contains("email-required");
    }

    @Test
    void withoutConfiguredFiltersAnyCustomerWithAnEmailPasses() {
        assertThat(new CustomerFilter(ANY).check(customer("a@example.com", null), TEMPLATE)).isEmpty();
    }

    @Test
    void aConfiguredCountryFilterAcceptsOnlyItsCountriesIgnoringCaseAndSpaces() {
        CustomerFilter filter = new CustomerFilter(new CustomerProperties.Filter(List.of(), List.of(), List.of(),
                List.of("DK", "SE")));

        assertThat(filter.check(customer("a@example.com", " dk "), TEMPLATE)).isEmpty();
        assertThat(filter.check(customer("a@example.com", "US"), TEMPLATE)).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo("country-filter");
            assertThat(r.reason()).isEqualTo("customer has country 'US'; the customer filter accepts only DK, SE");
        });
        assertThat(filter.check(customer("a@example.com", null), TEMPLATE)).map(Rejection::reason)
                .contains("customer has no country; the customer filter accepts only DK, SE");
    }

    @Test
    void cityStateAndPostalCodeFiltersNameTheirRule() {
        CustomerFilter filter = new CustomerFilter(new CustomerProperties.Filter(List.of("Aarhus"), List.of("Midtjylland"),
                List.of("8000"), List.of()));
        BookingsCustomer wrongCity = new BookingsCustomer("b", "c", "Ann", "a@example.com", null,
                new BookingsCustomer.Address("Street 1", "Odense", "Midtjylland", "8000", "DK"));
        BookingsCustomer wrongState = new BookingsCustomer("b", "c", "Ann", "a@example.com", null,
                new BookingsCustomer.Address("Street 1", "Aarhus", "Syddanmark", "8000", "DK"));
        BookingsCustomer wrongPostalCode = new BookingsCustomer("b", "c", "Ann", "a@example.com", null,
                new BookingsCustomer.Address("Street 1", "aarhus", "Midtjylland", "5000", "DK"));

        assertThat(filter.check(wrongCity, TEMPLATE)).map(Rejection::rule).contains("city-filter");
        assertThat(filter.check(wrongState, TEMPLATE)).map(Rejection::rule).contains("state-filter");
        assertThat(filter.check(wrongPostalCode, TEMPLATE)).map(Rejection::rule).contains("postal-code-filter");
    }

    @Test
    void filterValuesTakeWildcardsAndRangesLikeBusinessCentral() {
        CustomerFilter filter = new CustomerFilter(new CustomerProperties.Filter(List.of("Aar*"), List.of(),
                List.of("8000..8999"), List.of()));
        BookingsCustomer aarhus = new BookingsCustomer("b", "c", "Ann", "a@example.com", null,
                new BookingsCustomer.Address("Street 1", "Aarhus", null, "8200", "DK"));
        BookingsCustomer odense = new BookingsCustomer("b", "c", "Ann", "a@example.com", null,
                new BookingsCustomer.Address("Street 1", "Aarhus", null, "5000", "DK"));

        assertThat(filter.check(aarhus, TEMPLATE)).isEmpty();
        assertThat(filter.check(odense, TEMPLATE)).hasValueSatisfying(r -> {
            assertThat(r.rule()).isEqualTo("postal-code-filter");
            assertThat(r.reason()).isEqualTo("customer has postal code '5000'; the customer filter accepts only 8000..8999");
        });
    }

    @Test
    void withoutACountryInBookingsTheTemplatesCountryIsTheOneFiltered() {
        CustomerFilter filter = new CustomerFilter(new CustomerProperties.Filter(List.of(), List.of(), List.of(),
                List.of("DK")));
        CustomerTemplate danish = new CustomerTemplate("DK", null, "DOMESTIC", "DOMESTIC", "DOMESTIC", null, null, "",
                "DK", null, false);

        assertThat(filter.check(customer("a@example.com", null), danish)).isEmpty();
        assertThat(filter.check(customer("a@example.com", "SE"), danish)).map(Rejection::rule).contains("country-filter");
    }

    private static BookingsCustomer customer(String email, String country) {
        return new BookingsCustomer("business", "c-1", "Ann Smith", email, null,
                new BookingsCustomer.Address(null, null, null, null, country));
    }
}
