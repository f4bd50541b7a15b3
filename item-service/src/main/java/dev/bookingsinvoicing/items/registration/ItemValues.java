package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the state of a Bookings service keeps besides the item no. it is mapped to: the name and unit price the item
 * took from it last (none while it was rejected before ever being registered).
 */
public record ItemValues(String description, BigDecimal unitPrice) {

    public static final String DESCRIPTION = "description";
    public static final String UNIT_PRICE = "unitPrice";

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
