package dev.bookingsinvoicing.customers.registration;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What became of one Bookings customer: registered under a customer no., updated, or rejected with the rule.
 * Event ids are deterministic: from the content, and from the event that came before it for this Bookings customer
 * (so a change back to an earlier state is a new event, while re-processing the same input gives the same id).
 */
public sealed interface RegistrationOutcome {

    String eventId();

    Instant occurredAt();

    String businessId();

    String bookingsCustomerId();

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
            return new Registered(idOf(previousEventId, "CustomerRegistered", businessId, bookingsCustomerId,
                    customerNo, name, emailAddress, templateCode, Boolean.toString(newCustomer)), occurredAt,
                    businessId, bookingsCustomerId, customerNo, name, emailAddress, templateCode, newCustomer, posting);
        }
    }

    /** The customer's Bookings-owned fields ({@code changedFields}: name, phone, address) took new values. */
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
            return new Updated(idOf(previousEventId, parts.toArray(String[]::new)), occurredAt, businessId,
                    bookingsCustomerId, customerNo, name, emailAddress, phone, changedFields, posting);
        }
    }

    /** Not registered: the filter rule that failed and why. */
    record Rejected(String eventId, Instant occurredAt, String businessId, String bookingsCustomerId, String rule,
            String reason) implements RegistrationOutcome {

        public static Rejected of(Instant occurredAt, String previousEventId, String businessId,
                String bookingsCustomerId, String rule, String reason) {
            return new Rejected(idOf(previousEventId, "CustomerRejected", businessId, bookingsCustomerId, rule, reason),
                    occurredAt, businessId, bookingsCustomerId, rule, reason);
        }

        boolean sameRuling(Rejection rejection) {
            return rule.equals(rejection.rule()) && reason.equals(rejection.reason());
        }
    }

    private static String idOf(String previousEventId, String... parts) {
        List<String> all = new ArrayList<>(Arrays.asList(parts));
        if (previousEventId != null) {
            all.add("after:" + previousEventId);
        }
        // the unit separator cannot occur in ids or names, so ("a/b", "c") and ("a", "b/c") never collide
        return UUID.nameUUIDFromBytes(String.join("\u001f", all).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
