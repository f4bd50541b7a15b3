package dev.bookingsinvoicing.items.registration;

import java.util.Optional;

/** BC's item filter: services hidden from customers become items only when the settings include them. */
public final class ItemFilter {

    public static final String HIDDEN_FROM_CUSTOMERS = "hidden-from-customers";

    private final ItemProperties.Filter settings;

    public ItemFilter(ItemProperties.Filter settings) {
        this.settings = settings;
    }

    public Optional<Rejection> check(BookingsService service) {
        if (service.hiddenFromCustomers() && !settings.includeHidden()) {
            return Optional.of(new Rejection(HIDDEN_FROM_CUSTOMERS, "service " + service.displayName()
                    + " is hidden from customers and bookings.items.filter.include-hidden is false"));
        }
        return Optional.empty();
    }
}
