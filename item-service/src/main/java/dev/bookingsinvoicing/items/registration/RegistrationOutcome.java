package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** What became of one Bookings service: registered as an item, or rejected with the rule. */
public sealed interface RegistrationOutcome {

    String businessId();

    String serviceId();

    /**
     * Deterministic from the identifying parts and the content, so that re-processing the same input re-publishes
     * an event with the same id (consumers drop it), while a changed price or name gets a new id.
     */
    String eventId();

    /** Mapped to item {@code itemNo}; {@code unitPrice} is null when the template does not take Bookings prices. */
    record Registered(String businessId, String serviceId, String itemNo, String description, BigDecimal unitPrice,
            String baseUnitOfMeasure, String templateCode) implements RegistrationOutcome {

        @Override
        public String eventId() {
            return idOf("ItemRegistered", businessId, serviceId, itemNo, description,
                    unitPrice == null ? "" : unitPrice.toPlainString(), baseUnitOfMeasure, templateCode);
        }
    }

    /** Not registered: the filter rule that failed and why. */
    record Rejected(String businessId, String serviceId, String rule, String reason) implements RegistrationOutcome {

        @Override
        public String eventId() {
            return idOf("ItemRejected", businessId, serviceId, rule, reason);
        }
    }

    private static String idOf(String... parts) {
        // the unit separator cannot occur in ids or names, so ("a/b", "c") and ("a", "b/c") never collide
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
