package dev.bookingsinvoicing.customers.registration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * Registers Bookings customers: filter, then match by email or create a customer from the template under the
 * next number; later changes of a registered customer's name, email, phone or address update the customer. Safe to
 * run for the same input any number of times and on several instances at once: a Bookings customer already linked
 * keeps its customer whatever its email becomes, an email is claimed by exactly one number, and a re-delivery
 * re-publishes the event it produced.
 */
public class CustomerRegistrar {

    private static final Logger log = LoggerFactory.getLogger(CustomerRegistrar.class);

    private final CustomerFilter filter;
    private final Supplier<CustomerTemplate> template;
    private final NumberSeries numbers;
    private final CustomerStore store;

    /** {@code template} is asked once per registration, so a template changed over the API applies at once. */
    public CustomerRegistrar(CustomerFilter filter, Supplier<CustomerTemplate> template, NumberSeries numbers,
            CustomerStore store) {
        this.filter = filter;
        this.template = template;
        this.numbers = numbers;
        this.store = store;
    }

    /**
     * The event to publish for this discovery; empty when the discovery is older than the one applied last (a replay
     * of history: it was announced when it was new, and announcing it again would move consumers back).
     */
    public Optional<RegistrationOutcome> register(BookingsCustomer customer, Discovery discovery) {
        Optional<SourceState> known = store.state(customer.reference());
        if (known.isPresent() && known.get().isSameDelivery(discovery)) {
            return Optional.of(known.get().lastEvent());
        }
        if (known.isPresent() && known.get().isOlderThanApplied(discovery)) {
            log.debug("ignoring CustomerDiscovered {} for {}: older than the one applied ({})", discovery.eventId(),
                    customer.reference(), known.get().applied().eventId());
            return Optional.empty();
        }
        SourceState state = known.orElse(null);
        String previousEventId = state == null ? null : state.lastEvent().eventId();
        CustomerTemplate applied = template.get();
        Optional<Rejection> rejection = filter.check(customer, applied);
        RegistrationOutcome outcome;
        if (rejection.isPresent()) {
            outcome = reject(customer, discovery, state, previousEventId, rejection.get());
        } else if (state == null || !state.linked()) {
            outcome = registerFirstTime(customer, discovery, previousEventId, applied);
        } else {
            outcome = follow(customer, discovery, state, previousEventId);
        }
        return Optional.of(outcome);
    }

    private RegistrationOutcome reject(BookingsCustomer customer, Discovery discovery, SourceState state,
            String previousEventId, Rejection rejection) {
        RegistrationOutcome outcome = state != null && state.lastEvent() instanceof RegistrationOutcome.Rejected r
                && r.sameRuling(rejection) ? r
                        : RegistrationOutcome.Rejected.of(discovery.occurredAt(), previousEventId, customer.businessId(),
                                customer.bookingsCustomerId(), rejection.rule(), rejection.reason());
        // a customer registered before keeps its number: the link stays, the rejection is what consumers see now
        store.saveState(customer, discovery, state == null ? null : state.customerNo(),
                state != null && state.newCustomer(), outcome);
        return outcome;
    }

    private RegistrationOutcome registerFirstTime(BookingsCustomer customer, Discovery discovery,
            String previousEventId, CustomerTemplate applied) {
        String email = EmailAddresses.normalise(customer.emailAddress());
        CustomerStore.EmailClaim claim = claimEmail(customer, email);
        boolean creator = claim.claimedBy().equals(customer.reference());
        CustomerRecord saved = store.saveCustomer(claim.customerNo(), customer, email, applied, creator, claim.name());
        RegistrationOutcome outcome = RegistrationOutcome.Registered.of(discovery.occurredAt(), previousEventId,
                customer.businessId(), customer.bookingsCustomerId(), saved.customerNo(), saved.name(), saved.email(),
                saved.templateCode(), creator, RegistrationOutcome.Posting.of(saved));
        // written last: without it a retry repeats the same work and reaches the same outcome
        store.saveState(customer, discovery, saved.customerNo(), creator, outcome);
        return outcome;
    }

    /** A linked Bookings customer seen again: changed, unchanged, or accepted again after a rejection. */
    private RegistrationOutcome follow(BookingsCustomer customer, Discovery discovery, SourceState state,
            String previousEventId) {
        List<String> changed = state.changedFields(customer);
        // only the Bookings customer that created the customer owns its details; others sharing the email do not
        boolean applies = state.newCustomer() && !changed.isEmpty();
        // a new email never makes a new customer: the Bookings customer's own id is what links it
        Set<String> previousEmails = changed.contains(SourceState.EMAIL) ? followEmail(customer, state) : Set.of();
        RegistrationOutcome outcome;
        if (state.lastEvent() instanceof RegistrationOutcome.Rejected) {
            CustomerRecord current = applies ? store.updateCustomer(state.customerNo(), customer, changed)
                    : store.customer(state.customerNo()).orElseThrow();
            outcome = RegistrationOutcome.Registered.of(discovery.occurredAt(), previousEventId, customer.businessId(),
                    customer.bookingsCustomerId(), current.customerNo(), current.name(), current.email(),
                    current.templateCode(), state.newCustomer(), RegistrationOutcome.Posting.of(current));
        } else if (applies) {
            CustomerRecord updated = store.updateCustomer(state.customerNo(), customer, changed);
            outcome = RegistrationOutcome.Updated.of(discovery.occurredAt(), previousEventId, customer.businessId(),
                    customer.bookingsCustomerId(), updated.customerNo(), updated.name(), updated.email(),
                    updated.phone(), changed, RegistrationOutcome.Posting.of(updated));
        } else {
            // nothing the customer takes from Bookings changed: the event already published still says it all
            outcome = state.lastEvent();
        }
        // after the customer has the new email, so that a crash in between leaves the old one matching, not none
        previousEmails.forEach(old -> store.releaseEmail(old, state.customerNo(), customer.reference()));
        store.saveState(customer, discovery, state.customerNo(), state.newCustomer(), outcome);
        return outcome;
    }

    /**
     * Makes the Bookings customer's new email match its customer, unless another customer already holds it (first
     * come, as for new customers: that one keeps it). Returns the emails it used before, to be let go once the
     * customer is updated: the one it had last and, for the creating Bookings customer, the customer's own.
     */
    private Set<String> followEmail(BookingsCustomer customer, SourceState state) {
        String email = EmailAddresses.normalise(customer.emailAddress());
        CustomerStore.EmailClaim claim = store.emailClaim(email)
                .orElseGet(() -> store.claimEmail(email, state.customerNo(), customer));
        if (!claim.customerNo().equals(state.customerNo())) {
            log.warn("Bookings customer {} changed its email to {}, which already matches customer {}; it stays "
                    + "customer {}, and the address goes on matching {} for Bookings customers seen from now on "
                    + "(one person with two customer numbers? merge them in the ERP)", customer.reference(), email,
                    claim.customerNo(), state.customerNo(), claim.customerNo());
        } else {
            log.info("Bookings customer {} changed its email to {}; it stays customer {}", customer.reference(), email,
                    state.customerNo());
        }
        Set<String> previous = new LinkedHashSet<>();
        Optional.ofNullable(EmailAddresses.normalise(state.snapshot().emailAddress())).ifPresent(previous::add);
        if (state.newCustomer()) {
            store.customer(state.customerNo()).map(CustomerRecord::email).ifPresent(previous::add);
        }
        previous.remove(email);
        return previous;
    }

    /** The creator is whoever claimed the email first, also when it is us again after a crash before the state. */
    private CustomerStore.EmailClaim claimEmail(BookingsCustomer customer, String email) {
        return store.emailClaim(email).orElseGet(() -> store.claimEmail(email, store.nextNumber(numbers), customer));
    }
}
