package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What we last did with one Bookings service: the discovery applied, the name and unit price it gave the item, the
 * item it is mapped to (none while rejected before ever being registered) and the event we published for it.
 */
public record SourceState(Discovery applied, String description, BigDecimal unitPrice, String itemNo,
        RegistrationOutcome lastEvent) {

    public static final String DESCRIPTION = "description";
    public static final String UNIT_PRICE = "unitPrice";

    /** The same ServiceDiscovered again (a re-delivery or a replay of the latest one). */
    public boolean isSameDelivery(Discovery discovery) {
        return applied.eventId().equals(discovery.eventId()) && applied.occurredAt().equals(discovery.occurredAt());
    }

    /** Older than the discovery applied last: history being replayed, which must not move the item back. */
    public boolean isOlderThanApplied(Discovery discovery) {
        return discovery.occurredAt().isBefore(applied.occurredAt());
    }

    /** Which of the item's Bookings-owned fields a service now named {@code description} at {@code unitPrice} changes. */
    public List<String> changedFields(String newDescription, BigDecimal newUnitPrice) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(description, newDescription)) {
            changed.add(DESCRIPTION);
        }
        boolean samePrice = unitPrice == null ? newUnitPrice == null
                : newUnitPrice != null && unitPrice.compareTo(newUnitPrice) == 0;
        if (!samePrice) {
            changed.add(UNIT_PRICE);
        }
        return changed;
    }
}
