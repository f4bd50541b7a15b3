package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bookingsinvoicing.registration.Discovery;
import dev.bookingsinvoicing.registration.Registrar;
import dev.bookingsinvoicing.registration.SourceState;
import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * Registers Bookings services as items of type Service: filter, then map the service to its item (a new number
 * from the series the first time) and keep description and price current, announcing a change as an update. Safe to
 * run for the same input any number of times and on several instances at once: a service is mapped to exactly one
 * number, and a re-delivery re-publishes the event it produced.
 */
public class ItemRegistrar extends Registrar<BookingsService, ItemTemplate, ItemValues, RegistrationOutcome> {

    private static final Logger log = LoggerFactory.getLogger(ItemRegistrar.class);

    private final ItemStore store;

    /** {@code template} is asked once per registration, so a template changed over the API applies at once. */
    public ItemRegistrar(ItemFilter filter, Supplier<ItemTemplate> template, NumberSeries numbers, ItemStore store) {
        super("ServiceDiscovered", filter, template, numbers, store, RegistrationOutcome.Rejected::of);
        this.store = store;
    }

    /** A rejected service leaves its item as it was: the name and price it took last. */
    @Override
    protected ItemValues keptOnRejection(BookingsService service, SourceState<ItemValues, RegistrationOutcome> state) {
        return state == null ? new ItemValues(null, null) : state.values();
    }

    @Override
    protected Registration<ItemValues, RegistrationOutcome> accept(BookingsService service, Discovery discovery,
            SourceState<ItemValues, RegistrationOutcome> state, String previousEventId, ItemTemplate applied) {
        BigDecimal unitPrice = unitPrice(service, applied);
        String itemNo = store.mapping(service.reference()).orElseGet(
                () -> store.claimMapping(service, nextNumber()));
        RegistrationOutcome outcome;
        if (state == null || !state.linked() || state.lastEvent() instanceof RegistrationOutcome.Rejected) {
            ItemRecord saved = save(itemNo, service, applied, unitPrice);
            outcome = RegistrationOutcome.Registered.of(discovery.occurredAt(), previousEventId, service.businessId(),
                    service.serviceId(), saved.itemNo(), saved.description(), saved.unitPrice(), saved.templateCode(),
                    RegistrationOutcome.Posting.of(saved));
        } else {
            List<String> changed = state.values().changedFields(service.displayName(), unitPrice);
            if (changed.isEmpty()) {
                // neither name nor price changed: the event already published still says it all
                outcome = state.lastEvent();
            } else {
                ItemRecord saved = save(itemNo, service, applied, unitPrice);
                outcome = RegistrationOutcome.Updated.of(discovery.occurredAt(), previousEventId, service.businessId(),
                        service.serviceId(), saved.itemNo(), saved.description(), saved.unitPrice(), changed,
                        RegistrationOutcome.Posting.of(saved));
            }
        }
        return new Registration<>(itemNo, new ItemValues(service.displayName(), unitPrice), outcome);
    }

    private ItemRecord save(String itemNo, BookingsService service, ItemTemplate applied, BigDecimal unitPrice) {
        Optional<ItemRecord> before = store.find(itemNo);
        ItemRecord saved = store.saveItem(itemNo, service, applied, unitPrice);
        trackName(service, itemNo, before);
        return saved;
    }

    /** Scale 2, as every amount on our topics; null when the template leaves prices to BC. */
    static BigDecimal unitPrice(BookingsService service, ItemTemplate template) {
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
