package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Bookings services as items of type Service: filter, then map the service to its item (a new number
 * from the series the first time) and keep description and price current. Safe to run for the same input any
 * number of times and on several instances at once: a service is mapped to exactly one number.
 */
public class ItemRegistrar {

    private static final Logger log = LoggerFactory.getLogger(ItemRegistrar.class);

    private final ItemFilter filter;
    private final ItemTemplate template;
    private final ItemNumbers numbers;
    private final ItemStore store;

    public ItemRegistrar(ItemFilter filter, ItemTemplate template, ItemNumbers numbers, ItemStore store) {
        this.filter = filter;
        this.template = template;
        this.numbers = numbers;
        this.store = store;
    }

    public RegistrationOutcome register(BookingsService service) {
        Optional<Rejection> rejection = filter.check(service);
        if (rejection.isPresent()) {
            return new RegistrationOutcome.Rejected(service.businessId(), service.serviceId(), rejection.get().rule(),
                    rejection.get().reason());
        }
        String itemNo = store.mapping(service.reference()).orElseGet(
                () -> store.claimMapping(service, numbers.format(store.nextNumber(numbers.step()))));
        Optional<ItemRecord> before = store.item(itemNo);
        ItemRecord saved = store.saveItem(itemNo, service, template, unitPrice(service));
        trackName(service, itemNo, before);
        return new RegistrationOutcome.Registered(service.businessId(), service.serviceId(), saved.itemNo(),
                saved.description(), saved.unitPrice(), saved.baseUnitOfMeasure(), saved.templateCode());
    }

    /** Scale 2, as every amount on our topics; null when the template leaves prices to BC. */
    BigDecimal unitPrice(BookingsService service) {
        if (!template.useBookingsPriceAsUnitPrice() || service.defaultPrice() == null) {
            return null;
        }
        return service.defaultPrice().setScale(2, RoundingMode.HALF_UP);
    }

    /** Two services with one display name are reported, not merged: each keeps its own item. */
    private void trackName(BookingsService service, String itemNo, Optional<ItemRecord> before) {
        before.map(ItemRecord::description)
                .filter(old -> !ServiceNames.normalise(old).equals(ServiceNames.normalise(service.displayName())))
                .ifPresent(old -> store.releaseName(service.businessId(), old, service.serviceId()));
        DuplicateName name = store.useName(service, itemNo);
        if (name.services().size() > 1 && !name.services().get(0).serviceId().equals(service.serviceId())) {
            log.warn("Bookings business {} has {} services named '{}' ({}); each keeps its own item, not merged",
                    service.businessId(), name.services().size(), service.displayName(), name.services());
        }
    }
}
