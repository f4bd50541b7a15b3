package dev.bookingsinvoicing.items.registration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * Registers Bookings services as items of type Service: filter, then map the service to its item (a new number
 * from the series the first time) and keep description and price current, announcing a change as an update. Safe to
 * run for the same input any number of times and on several instances at once: a service is mapped to exactly one
 * number, and a re-delivery re-publishes the event it produced.
 */
public class ItemRegistrar {

    private static final Logger log = LoggerFactory.getLogger(ItemRegistrar.class);

    private final ItemFilter filter;
    private final Supplier<ItemTemplate> template;
    private final NumberSeries numbers;
    private final ItemStore store;

    /** {@code template} is asked once per registration, so a template changed over the API applies at once. */
    public ItemRegistrar(ItemFilter filter, Supplier<ItemTemplate> template, NumberSeries numbers, ItemStore store) {
        this.filter = filter;
        this.template = template;
        this.numbers = numbers;
        this.store = store;
    }

    /**
     * The event to publish for this discovery; empty when the discovery is older than the one applied last (a replay
     * of history: it was announced when it was new, and announcing it again would move consumers back).
     */
    public Optional<RegistrationOutcome> register(BookingsService service, Discovery discovery) {
        Optional<SourceState> known = store.state(service.reference());
        if (known.isPresent() && known.get().isSameDelivery(discovery)) {
            return Optional.of(known.get().lastEvent());
        }
        if (known.isPresent() && known.get().isOlderThanApplied(discovery)) {
            log.debug("ignoring ServiceDiscovered {} for {}: older than the one applied ({})", discovery.eventId(),
                    service.reference(), known.get().applied().eventId());
            return Optional.empty();
        }
        SourceState state = known.orElse(null);
        String previousEventId = state == null ? null : state.lastEvent().eventId();
        ItemTemplate applied = template.get();
        BigDecimal unitPrice = unitPrice(service, applied);
        Optional<Rejection> rejection = filter.check(service, applied);
        if (rejection.isPresent()) {
            RegistrationOutcome outcome = state != null && state.lastEvent() instanceof RegistrationOutcome.Rejected r
                    && r.sameRuling(rejection.get()) ? r
                            : RegistrationOutcome.Rejected.of(discovery.occurredAt(), previousEventId,
                                    service.businessId(), service.serviceId(), rejection.get().rule(),
                                    rejection.get().reason());
            // an item registered before keeps its number: the mapping stays, the rejection is what consumers see now
            store.saveState(service, discovery, state == null ? null : state.description(),
                    state == null ? null : state.unitPrice(), state == null ? null : state.itemNo(), outcome);
            return Optional.of(outcome);
        }
        String itemNo = store.mapping(service.reference()).orElseGet(
                () -> store.claimMapping(service, store.nextNumber(numbers)));
        RegistrationOutcome outcome;
        if (state == null || state.itemNo() == null || state.lastEvent() instanceof RegistrationOutcome.Rejected) {
            ItemRecord saved = save(itemNo, service, applied, unitPrice);
            outcome = RegistrationOutcome.Registered.of(discovery.occurredAt(), previousEventId, service.businessId(),
                    service.serviceId(), saved.itemNo(), saved.description(), saved.unitPrice(), saved.templateCode(),
                    RegistrationOutcome.Posting.of(saved));
        } else {
            List<String> changed = state.changedFields(service.displayName(), unitPrice);
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
        store.saveState(service, discovery, service.displayName(), unitPrice, itemNo, outcome);
        return Optional.of(outcome);
    }


    private ItemRecord save(String itemNo, BookingsService service, ItemTemplate applied, BigDecimal unitPrice) {
        Optional<ItemRecord> before = store.item(itemNo);
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
