package dev.bookingsinvoicing.registration;

import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bookingsinvoicing.service.registration.NumberSeries;

/**
 * Registers the Bookings records one service takes (customers, services): filter, then register, update or reject,
 * then record the state and answer the event to publish. What registering and updating mean is the service's own
 * ({@link #accept}); this skeleton makes it safe to run for the same input any number of times: a re-delivery
 * re-publishes the event it produced, a replay of older history publishes nothing, a rejection keeps the record's
 * number and is announced once, and the state is written last, so that a crash before it repeats the same work.
 *
 * @param <S> the Bookings record
 * @param <T> the template new records are created from
 * @param <V> what the state keeps of the Bookings record's values
 * @param <O> the service's outcomes
 */
public abstract class Registrar<S extends BookingsRecord, T extends Template, V, O extends Outcome> {

    /** What registering a record came to: the number it is linked to, the values kept of it and the event. */
    public record Registration<V, O>(String number, V values, O outcome) {
    }

    private final Logger log = LoggerFactory.getLogger(getClass());

    private final String discovered;
    private final RegistrationFilter<S, T> filter;
    private final Supplier<T> template;
    private final NumberSeries numbers;
    private final RegistrationStore<?, V, O> store;
    private final Rejections<O> rejections;

    /**
     * @param discovered the discovery event's name, for the log
     * @param template   asked once per registration, so a template changed over the API applies at once
     * @param numbers    the series new records are numbered from
     */
    protected Registrar(String discovered, RegistrationFilter<S, T> filter, Supplier<T> template, NumberSeries numbers,
            RegistrationStore<?, V, O> store, Rejections<O> rejections) {
        this.discovered = discovered;
        this.filter = filter;
        this.template = template;
        this.numbers = numbers;
        this.store = store;
        this.rejections = rejections;
    }

    /**
     * The event to publish for this discovery; empty when the discovery is older than the one applied last (a replay
     * of history: it was announced when it was new, and announcing it again would move consumers back).
     */
    public Optional<O> register(S source, Discovery discovery) {
        Optional<SourceState<V, O>> known = store.state(source.reference());
        if (known.isPresent() && known.get().isSameDelivery(discovery)) {
            return Optional.of(known.get().lastEvent());
        }
        if (known.isPresent() && known.get().isOlderThanApplied(discovery)) {
            log.debug("ignoring {} {} for {}: older than the one applied ({})", discovered, discovery.eventId(),
                    source.reference(), known.get().applied().eventId());
            return Optional.empty();
        }
        SourceState<V, O> state = known.orElse(null);
        String previousEventId = state == null ? null : state.lastEvent().eventId();
        T applied = template.get();
        Optional<Rejection> rejection = filter.check(source, applied);
        Registration<V, O> done = rejection.isPresent()
                ? reject(source, discovery, state, previousEventId, rejection.get())
                : accept(source, discovery, state, previousEventId, applied);
        // written last: without it a retry repeats the same work and reaches the same outcome
        store.saveState(source, discovery, done.number(), done.values(), done.outcome());
        return Optional.of(done.outcome());
    }

    private Registration<V, O> reject(S source, Discovery discovery, SourceState<V, O> state, String previousEventId,
            Rejection rejection) {
        // the same ruling again is the event already published, not a new one
        O outcome = state != null && state.lastEvent().rejection().equals(Optional.of(rejection)) ? state.lastEvent()
                : rejections.of(discovery.occurredAt(), previousEventId, source.businessId(), source.sourceId(),
                        rejection.rule(), rejection.reason());
        // a record registered before keeps its number: the link stays, the rejection is what consumers see now
        return new Registration<>(state == null ? null : state.number(), keptOnRejection(source, state), outcome);
    }

    /**
     * The next number of the series, formatted (C00010): two instances never get the same one.
     *
     * @throws dev.bookingsinvoicing.service.registration.NumberSeriesExhaustedException when none is left
     */
    protected String nextNumber() {
        return store.nextNumber(numbers);
    }

    /**
     * Registers or updates a record the filter accepts; {@code state} is null the first time, and its last event is
     * a rejection when the record is accepted again.
     */
    protected abstract Registration<V, O> accept(S source, Discovery discovery, SourceState<V, O> state,
            String previousEventId, T template);

    /** What the state keeps of the record's values while it is rejected ({@code state} is null the first time). */
    protected abstract V keptOnRejection(S source, SourceState<V, O> state);
}
