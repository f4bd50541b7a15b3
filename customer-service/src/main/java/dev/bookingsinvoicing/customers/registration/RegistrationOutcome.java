package dev.bookingsinvoicing.customers.registration;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What became of one Bookings customer: registered under a customer no., or rejected with the rule. */
public sealed interface RegistrationOutcome {

    String businessId();

    String bookingsCustomerId();

    /**
     * Deterministic from the identifying parts and the content, so that re-processing the same input re-publishes
     * an event with the same id (consumers drop it), while a changed content gets a new id.
     */
    String eventId();

    /** Linked to customer {@code customerNo}; {@code newCustomer} is false when matched to an existing one by email. */
    record Registered(String businessId, String bookingsCustomerId, String customerNo, String name, String emailAddress,
            String templateCode, boolean newCustomer) implements RegistrationOutcome {

        @Override
        public String eventId() {
            return idOf("CustomerRegistered", businessId, bookingsCustomerId, customerNo, name, emailAddress,
                    templateCode, Boolean.toString(newCustomer));
        }
    }

    /** Not registered: the filter rule that failed and why. */
    record Rejected(String businessId, String bookingsCustomerId, String rule, String reason)
            implements RegistrationOutcome {

        @Override
        public String eventId() {
            return idOf("CustomerRejected", businessId, bookingsCustomerId, rule, reason);
        }
    }

    private static String idOf(String... parts) {
        // the unit separator cannot occur in ids or names, so ("a/b", "c") and ("a", "b/c") never collide
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
