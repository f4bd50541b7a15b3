package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.bookingsinvoicing.registration.EventIds;
import dev.bookingsinvoicing.registration.Outcome;
import dev.bookingsinvoicing.registration.Rejection;

/**
 * What became of one Bookings service: registered as an item, updated, or rejected with the rule. Event ids are
 * deterministic ({@link EventIds}): from the content, and from the event that came before it for this service (so a
 * change back to an earlier price is a new event).
 */
public sealed interface RegistrationOutcome extends Outcome {

    /**
     * What an ERP needs to post the item's sales, from the template it was created with: its base unit of measure and
     * posting groups. Every Registered and Updated carries it, so a consumer never has to look the item up.
     */
    record Posting(String baseUnitOfMeasure, String genProdPostingGroup, String vatProdPostingGroup) {

        static Posting of(ItemRecord item) {
            return new Posting(item.baseUnitOfMeasure(), item.genProdPostingGroup(), item.vatProdPostingGroup());
        }
    }

    /** Mapped to item {@code itemNo}; {@code unitPrice} is null when the template does not take Bookings prices. */
    record Registered(String eventId, Instant occurredAt, String businessId, String serviceId, String itemNo,
            String description, BigDecimal unitPrice, String templateCode, Posting posting)
            implements RegistrationOutcome {

        public static Registered of(Instant occurredAt, String previousEventId, String businessId, String serviceId,
                String itemNo, String description, BigDecimal unitPrice, String templateCode, Posting posting) {
            // the posting groups come with the template code, which the id already names
            return new Registered(EventIds.of(previousEventId, "ItemRegistered", businessId, serviceId, itemNo,
                    description, price(unitPrice), posting.baseUnitOfMeasure(), templateCode), occurredAt, businessId,
                    serviceId, itemNo, description, unitPrice, templateCode, posting);
        }
    }

    /** The item's description or unit price ({@code changedFields}) took the service's new name or price. */
    record Updated(String eventId, Instant occurredAt, String businessId, String serviceId, String itemNo,
            String description, BigDecimal unitPrice, List<String> changedFields, Posting posting)
            implements RegistrationOutcome {

        public Updated {
            changedFields = List.copyOf(changedFields);
        }

        public static Updated of(Instant occurredAt, String previousEventId, String businessId, String serviceId,
                String itemNo, String description, BigDecimal unitPrice, List<String> changedFields, Posting posting) {
            List<String> parts = new ArrayList<>(Arrays.asList("ItemUpdated", businessId, serviceId, itemNo,
                    description, price(unitPrice)));
            parts.addAll(changedFields);
            return new Updated(EventIds.of(previousEventId, parts), occurredAt, businessId, serviceId,
                    itemNo, description, unitPrice, changedFields, posting);
        }
    }

    /** Not registered: the filter rule that failed and why. */
    record Rejected(String eventId, Instant occurredAt, String businessId, String serviceId, String rule, String reason)
            implements RegistrationOutcome {

        public static Rejected of(Instant occurredAt, String previousEventId, String businessId, String serviceId,
                String rule, String reason) {
            return new Rejected(EventIds.of(previousEventId, "ItemRejected", businessId, serviceId, rule, reason),
                    occurredAt, businessId, serviceId, rule, reason);
        }

        @Override
        public Optional<Rejection> rejection() {
            return Optional.of(new Rejection(rule, reason));
        }
    }

    private static String price(BigDecimal unitPrice) {
        return unitPrice == null ? "" : unitPrice.toPlainString();
    }
}
