package dev.bookingsinvoicing.customers.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.bookingsinvoicing.registration.EventIds;
import dev.bookingsinvoicing.registration.Outcome;
import dev.bookingsinvoicing.registration.Rejection;

/**
 * What became of one Bookings customer: registered under a customer no., updated, or rejected with the rule.
 * Event ids are deterministic ({@link EventIds}): from the content, and from the event that came before it for this
 * Bookings customer.
 */
public sealed interface RegistrationOutcome extends Outcome {

    /**
     * What an ERP needs to post the customer's invoices, from the template the customer was created with: its posting
     * groups. Every Registered and Updated carries it, so a consumer never has to look the customer up.
     */
    record Posting(String customerPostingGroup, String genBusPostingGroup, String vatBusPostingGroup) {

        static Posting of(CustomerRecord customer) {
            return new Posting(customer.customerPostingGroup(), customer.genBusPostingGroup(),
                    customer.vatBusPostingGroup());
        }
    }

    /** Linked to customer {@code customerNo}; {@code newCustomer} is false when matched to an existing one by email. */
    record Registered(String eventId, Instant occurredAt, String businessId, String bookingsCustomerId,
            String customerNo, String name, String emailAddress, String templateCode, boolean newCustomer,
            Posting posting) implements RegistrationOutcome {

        public static Registered of(Instant occurredAt, String previousEventId, String businessId,
                String bookingsCustomerId, String customerNo, String name, String emailAddress, String templateCode,
                boolean newCustomer, Posting posting) {
            // the posting groups come with the template code, which the id already names
            return new Registered(EventIds.of(previousEventId, "CustomerRegistered", businessId, bookingsCustomerId,
                    customerNo, name, emailAddress, templateCode, Boolean.toString(newCustomer)), occurredAt,
                    businessId, bookingsCustomerId, customerNo, name, emailAddress, templateCode, newCustomer, posting);
        }
    }

    /** The customer's Bookings-owned fields ({@code changedFields}: name, email, phone, address) took new values. */
    record Updated(String eventId, Instant occurredAt, String businessId, String bookingsCustomerId, String customerNo,
            String name, String emailAddress, String phone, List<String> changedFields, Posting posting)
            implements RegistrationOutcome {

        public Updated {
            changedFields = List.copyOf(changedFields);
        }

        public static Updated of(Instant occurredAt, String previousEventId, String businessId,
                String bookingsCustomerId, String customerNo, String name, String emailAddress, String phone,
                List<String> changedFields, Posting posting) {
            List<String> parts = new ArrayList<>(Arrays.asList("CustomerUpdated", businessId, bookingsCustomerId,
                    customerNo, name, emailAddress, String.valueOf(phone)));
            parts.addAll(changedFields);
            return new Updated(EventIds.of(previousEventId, parts), occurredAt, businessId, bookingsCustomerId,
                    customerNo, name, emailAddress, phone, changedFields, posting);
        }
    }

    /** Not registered: the filter rule that failed and why. */
    record Rejected(String eventId, Instant occurredAt, String businessId, String bookingsCustomerId, String rule,
            String reason) implements RegistrationOutcome {

        public static Rejected of(Instant occurredAt, String previousEventId, String businessId,
                String bookingsCustomerId, String rule, String reason) {
            return new Rejected(EventIds.of(previousEventId, "CustomerRejected", businessId, bookingsCustomerId, rule,
                    reason), occurredAt, businessId, bookingsCustomerId, rule, reason);
        }

        @Override
        public Optional<Rejection> rejection() {
            return Optional.of(new Rejection(rule, reason));
        }
    }
}
