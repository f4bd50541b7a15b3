package dev.bookingsinvoicing.customers.registration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.registration.Registrar;
import dev.bookingsinvoicing.registration.SourceState;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * Registers Bookings customers: filter, then match by email or create a customer from the template under the
 * next number; later changes of a registered customer's name, email, phone or address update the customer. Safe to
 * run for the same input any number of times and on several instances at once: a Bookings customer already linked
 * keeps its customer whatever its email becomes, an email is claimed by exactly one number, and a re-delivery
 * re-publishes the event it produced.
 */
public class CustomerRegistrar
        extends Registrar<BookingsCustomer, CustomerTemplate, CustomerLink, RegistrationOutcome> {

    private static final Logger log = LoggerFactory.getLogger(CustomerRegistrar.class);

    private final CustomerStore store;

    /** {@code template} is asked once per registration, so a template changed over the API applies at once. */
    public CustomerRegistrar(CustomerFilter filter, Supplier<CustomerTemplate> template, NumberSeries numbers,
            CustomerStore store) {
        super("CustomerDiscovered", filter, template, numbers, store, RegistrationOutcome.Rejected::of);
        this.store = store;
    }

    /** The Bookings values rejected are the ones applied now; a customer created before stays its creator's. */
    @Override
    protected CustomerLink keptOnRejection(BookingsCustomer customer,
            SourceState<CustomerLink, RegistrationOutcome> state) {
        return new CustomerLink(customer, state != null && state.values().newCustomer());
    }

    @Override
    protected Registration<CustomerLink, RegistrationOutcome> accept(BookingsCustomer customer, Discovery discovery,
            SourceState<CustomerLink, RegistrationOutcome> state, String previousEventId, CustomerTemplate applied) {
        return state == null || !state.linked() ? registerFirstTime(customer, discovery, previousEventId, applied)
                : follow(customer, discovery, state, previousEventId);
    }

    private Registration<CustomerLink, RegistrationOutcome> registerFirstTime(BookingsCustomer customer,
            Discovery discovery, String previousEventId, CustomerTemplate applied) {
        String email = EmailAddresses.normalise(customer.emailAddress());
        CustomerStore.EmailClaim claim = claimEmail(customer, email);
        boolean creator = claim.claimedBy().equals(customer.reference());
        CustomerRecord saved = store.saveCustomer(claim.customerNo(), customer, email, applied, creator, claim.name());
        RegistrationOutcome outcome = RegistrationOutcome.Registered.of(discovery.occurredAt(), previousEventId,
                customer.businessId(), customer.bookingsCustomerId(), saved.customerNo(), saved.name(), saved.email(),
                saved.templateCode(), creator, RegistrationOutcome.Posting.of(saved));
        return new Registration<>(saved.customerNo(), new CustomerLink(customer, creator), outcome);
    }

    /** A linked Bookings customer seen again: changed, unchanged, or accepted again after a rejection. */
    private Registration<CustomerLink, RegistrationOutcome> follow(BookingsCustomer customer, Discovery discovery,
            SourceState<CustomerLink, RegistrationOutcome> state, String previousEventId) {
        String customerNo = state.number();
        boolean creator = state.values().newCustomer();
        List<String> changed = state.values().changedFields(customer);
        // only the Bookings customer that created the customer owns its details; others sharing the email do not
        boolean applies = creator && !changed.isEmpty();
        // a new email never makes a new customer: the Bookings customer's own id is what links it
        Set<String> previousEmails = changed.contains(CustomerLink.EMAIL) ? followEmail(customer, state) : Set.of();
        RegistrationOutcome outcome;
        if (state.lastEvent() instanceof RegistrationOutcome.Rejected) {
            CustomerRecord current = applies ? store.updateCustomer(customerNo, customer, changed)
                    : store.find(customerNo).orElseThrow();
            outcome = RegistrationOutcome.Registered.of(discovery.occurredAt(), previousEventId, customer.businessId(),
                    customer.bookingsCustomerId(), current.customerNo(), current.name(), current.email(),
                    current.templateCode(), creator, RegistrationOutcome.Posting.of(current));
        } else if (applies) {
            CustomerRecord updated = store.updateCustomer(customerNo, customer, changed);
            outcome = RegistrationOutcome.Updated.of(discovery.occurredAt(), previousEventId, customer.businessId(),
                    customer.bookingsCustomerId(), updated.customerNo(), updated.name(), updated.email(),
                    updated.phone(), changed, RegistrationOutcome.Posting.of(updated));
        } else {
            // nothing the customer takes from Bookings changed: the event already published still says it all
            outcome = state.lastEvent();
        }
        // after the customer has the new email, so that a crash in between leaves the old one matching, not none
        previousEmails.forEach(old -> store.releaseEmail(old, customerNo, customer.reference()));
        return new Registration<>(customerNo, new CustomerLink(customer, creator), outcome);
    }

    /**
     * Makes the Bookings customer's new email match its customer, unless another customer already holds it (first
     * come, as for new customers: that one keeps it). Returns the emails it used before, to be let go once the
     * customer is updated: the one it had last and, for the creating Bookings customer, the customer's own.
     */
    private Set<String> followEmail(BookingsCustomer customer, SourceState<CustomerLink, RegistrationOutcome> state) {
        String email = EmailAddresses.normalise(customer.emailAddress());
        String customerNo = state.number();
        CustomerStore.EmailClaim claim = store.emailClaim(email)
                .orElseGet(() -> store.claimEmail(email, customerNo, customer));
        if (!claim.customerNo().equals(customerNo)) {
            log.warn("Bookings customer {} changed its email to {}, which already matches customer {}; it stays "
                    + "customer {}, and the address goes on matching {} for Bookings customers seen from now on "
                    + "(one person with two customer numbers? merge them in the ERP)", customer.reference(), email,
                    claim.customerNo(), customerNo, claim.customerNo());
        } else {
            log.info("Bookings customer {} changed its email to {}; it stays customer {}", customer.reference(), email,
                    customerNo);
        }
        Set<String> previous = new LinkedHashSet<>();
        Optional.ofNullable(EmailAddresses.normalise(state.values().snapshot().emailAddress()))
                .ifPresent(previous::add);
        if (state.values().newCustomer()) {
            store.find(customerNo).map(CustomerRecord::email).ifPresent(previous::add);
        }
        previous.remove(email);
        return previous;
    }

    /** The creator is whoever claimed the email first, also when it is us again after a crash before the state. */
    private CustomerStore.EmailClaim claimEmail(BookingsCustomer customer, String email) {
        return store.emailClaim(email).orElseGet(() -> store.claimEmail(email, nextNumber(), customer));
    }
}
