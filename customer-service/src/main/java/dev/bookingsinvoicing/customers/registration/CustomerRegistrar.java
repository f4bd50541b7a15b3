package dev.bookingsinvoicing.customers.registration;

import java.util.Optional;

/**
 * Registers Bookings customers: filter, then match by email or create a customer from the template under the
 * next number. Safe to run for the same input any number of times and on several instances at once: a
 * Bookings customer already linked keeps its customer, and an email is claimed by exactly one number.
 */
public class CustomerRegistrar {

    private final CustomerFilter filter;
    private final CustomerTemplate template;
    private final CustomerNumbers numbers;
    private final CustomerStore store;

    public CustomerRegistrar(CustomerFilter filter, CustomerTemplate template, CustomerNumbers numbers,
            CustomerStore store) {
        this.filter = filter;
        this.template = template;
        this.numbers = numbers;
        this.store = store;
    }

    public RegistrationOutcome register(BookingsCustomer customer) {
        Optional<Rejection> rejection = filter.check(customer);
        if (rejection.isPresent()) {
            return new RegistrationOutcome.Rejected(customer.businessId(), customer.bookingsCustomerId(),
                    rejection.get().rule(), rejection.get().reason());
        }
        String email = EmailAddresses.normalise(customer.emailAddress());
        Optional<CustomerStore.Link> mapped = store.mapping(customer.reference());
        // a mapping is written last, so with one the customer exists; without one, the email claim decides
        CustomerStore.EmailClaim claim = mapped.isPresent() ? null : claimEmail(customer, email);
        CustomerStore.Link link = mapped.orElseGet(() -> new CustomerStore.Link(claim.customerNo(),
                claim.claimedBy().equals(customer.reference())));
        CustomerRecord saved = store.saveCustomer(link.customerNo(), customer, email, template, link.newCustomer(),
                claim == null ? null : claim.name());
        store.saveMapping(customer, link);
        return new RegistrationOutcome.Registered(customer.businessId(), customer.bookingsCustomerId(),
                saved.customerNo(), saved.name(), saved.email(), saved.templateCode(), link.newCustomer());
    }

    /** The creator is whoever claimed the email first, also when it is us again after a crash before the mapping. */
    private CustomerStore.EmailClaim claimEmail(BookingsCustomer customer, String email) {
        return store.emailClaim(email).orElseGet(() -> store.claimEmail(email,
                numbers.format(store.nextNumber(numbers.step())), customer));
    }
}
