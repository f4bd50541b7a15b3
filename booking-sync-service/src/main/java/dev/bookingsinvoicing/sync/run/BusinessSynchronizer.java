package dev.bookingsinvoicing.sync.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.schemas.Keys;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties;
import dev.bookingsinvoicing.sync.domain.BookingsData.AppointmentData;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessInfo;
import dev.bookingsinvoicing.sync.domain.BookingsData.CustomerData;
import dev.bookingsinvoicing.sync.domain.BookingsData.Page;
import dev.bookingsinvoicing.sync.domain.BookingsData.Rejection;
import dev.bookingsinvoicing.sync.domain.BookingsData.ServiceData;
import dev.bookingsinvoicing.sync.domain.BookingsSource.BusinessReader;
import dev.bookingsinvoicing.sync.domain.BookingsSource;
import dev.bookingsinvoicing.sync.domain.BusinessRunSummary;
import dev.bookingsinvoicing.sync.domain.KnownState;
import dev.bookingsinvoicing.sync.domain.Publication;
import dev.bookingsinvoicing.sync.domain.Quarantine;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;
import dev.bookingsinvoicing.sync.domain.SyncEvents;
import dev.bookingsinvoicing.sync.domain.SyncPlan;
import dev.bookingsinvoicing.sync.observability.SyncMetrics;
import dev.bookingsinvoicing.sync.setup.BookingSyncSetup;
import dev.bookingsinvoicing.sync.setup.SetupFilter;
import dev.bookingsinvoicing.sync.setup.SetupFilters;
import dev.bookingsinvoicing.sync.setup.SetupStore;
import dev.bookingsinvoicing.sync.state.QuarantineStore;
import dev.bookingsinvoicing.sync.state.SyncStateStore;

/**
 * Syncs one business in one run, as its setup says: services and customers (if switched on, filtered, changed ones
 * only, everything again after a filter change), then the calendar window page by page (publish, wait for Kafka's
 * acknowledgement, remember), then cancellations, then the quarantine (records it could not use are kept and
 * announced; those read successfully or gone from Bookings are released). Only a run that got to the end moves the
 * watermark.
 *
 * <p>The window: a full run (first run, {@code reconcile-interval} elapsed, or asked for) reads the whole lookback;
 * an incremental run reads from the watermark minus the overlap. Cancellations are detected for published
 * appointments that ended inside the window read, so the periodic full run is what finds cancellations and changes
 * of appointments that ended before an incremental window. A quarantined appointment holds the window's start back
 * to where it was first seen, beyond the lookback if need be, until it leaves the quarantine.
 */
@Component
public class BusinessSynchronizer {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final BookingsSource source;
    private final SyncStateStore store;
    private final QuarantineStore quarantine;
    private final SetupStore setups;
    private final KafkaTemplate<String, Object> kafka;
    private final BookingSyncProperties properties;
    private final SyncMetrics metrics;
    private final RunControl control;
    private final Clock clock;

    public BusinessSynchronizer(BookingsSource source, SyncStateStore store, QuarantineStore quarantine,
            SetupStore setups, KafkaTemplate<String, Object> kafka, BookingSyncProperties properties,
            SyncMetrics metrics, RunControl control, Clock clock) {
        this.source = source;
        this.store = store;
        this.quarantine = quarantine;
        this.setups = setups;
        this.kafka = kafka;
        this.properties = properties;
        this.metrics = metrics;
        this.control = control;
        this.clock = clock;
    }

    /** Whether the run at {@code now} reads the whole lookback window. */
    boolean fullWindow(BookingSyncSetup setup, Instant now, boolean forceFull) {
        return forceFull || setup.appointmentWatermark() == null || setup.lastFullSync() == null
                || !setup.lastFullSync().plus(properties.reconcileInterval()).isAfter(now);
    }

    public BusinessRunSummary sync(BookingSyncSetup setup, Instant now, boolean forceFull) {
        String businessId = setup.id();
        boolean full = fullWindow(setup, now, forceFull);
        if (forceFull) {
            // remembered before reading: if this run fails, the next scheduled one is a full run again, otherwise an
            // incremental run would never see what ended before its window (until the next reconcile-interval)
            setups.requireFullSync(businessId);
        }
        Instant lookbackStart = now.minus(properties.lookback());
        Instant incrementalStart = full ? lookbackStart : setup.appointmentWatermark().minus(properties.overlap());
        Instant plannedStart = incrementalStart.isBefore(lookbackStart) ? lookbackStart : incrementalStart;
        Map<String, Quarantine.Entry> quarantined = quarantine.load(businessId);
        Instant windowStart = Quarantine.heldWindowStart(quarantined.values()).filter(plannedStart::isAfter)
                .orElse(plannedStart);

        Map<String, KnownState> known = new HashMap<>(store.load(businessId));
        BusinessReader reader = source.open(businessId);
        BusinessInfo business = reader.business();
        List<Rejection> rejected = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Counts counts = new Counts();
        if (business.unknownTimeZone() != null) {
            warnings.add("the business's time zone '" + business.unknownTimeZone() + "' is not a known Windows or IANA"
                    + " zone; appointments Graph writes in UTC are dated in UTC");
        }
        // the kinds read in full this run, with the ids read successfully
        Map<Kind, Set<String>> usable = new EnumMap<>(Kind.class);

        Set<String> serviceIds = null;
        if (setup.syncServices()) {
            Page<ServiceData> services = reader.services();
            rejected.addAll(services.rejected());
            SetupFilter<ServiceData> filter = SetupFilters.items(setup.itemFilter());
            List<Publication> candidates = services.items().stream().filter(filter::accepts)
                    .map(s -> SyncEvents.service(business, s, now)).toList();
            counts.services = services.items().size();
            counts.servicesPublished = publish(businessId, SyncPlan.changed(candidates, known,
                    setup.servicesResyncFrom()), known, counts);
            serviceIds = services.items().stream().map(ServiceData::id).collect(Collectors.toSet());
            usable.put(Kind.SERVICE, Set.copyOf(serviceIds));
            services.rejected().stream().map(Rejection::id).filter(Objects::nonNull).forEach(serviceIds::add);
        }
        if (setup.syncCustomers()) {
            Page<CustomerData> customers = reader.customers();
            rejected.addAll(customers.rejected());
            SetupFilter<CustomerData> filter = SetupFilters.customers(setup.customerFilter());
            List<Publication> candidates = customers.items().stream().filter(filter::accepts)
                    .map(c -> SyncEvents.customer(business, c, now)).toList();
            counts.customers = customers.items().size();
            counts.customersPublished = publish(businessId, SyncPlan.changed(candidates, known,
                    setup.customersResyncFrom()), known, counts);
            usable.put(Kind.CUSTOMER, customers.items().stream().map(CustomerData::id).collect(Collectors.toSet()));
        }

        Set<String> seen = new HashSet<>();
        Set<String> readable = new HashSet<>();
        Set<String> knownServices = serviceIds;
        reader.calendarView(windowStart, now, page -> {
            control.checkpoint();
            rejected.addAll(page.rejected());
            page.rejected().stream().map(Rejection::id).filter(Objects::nonNull).forEach(seen::add);
            List<Publication> candidates = new ArrayList<>();
            for (AppointmentData a : page.items()) {
                seen.add(a.id());
                counts.appointments++;
                Optional<String> implausible = a.completedAt(now) ? a.implausibility() : Optional.empty();
                if (implausible.isPresent()) {
                    rejected.add(new Rejection(Kind.APPOINTMENT, a.id(), implausible.get()));
                    continue;
                }
                readable.add(a.id());
                if (a.completedAt(now)) {
                    candidates.add(SyncEvents.appointmentCompleted(business, a, now));
                    if (knownServices != null && !knownServices.contains(a.serviceId())) {
                        warnings.add("appointment " + a.id() + " refers to service " + a.serviceId()
                                + ", which the business does not list; published with that service id");
                    }
                }
            }
            counts.appointmentsPublished += publish(businessId, SyncPlan.changed(candidates, known, null), known,
                    counts);
        });
        control.checkpoint();
        List<Publication> cancellations = SyncPlan.cancellations(businessId, known, seen, windowStart, now);
        counts.cancellationsPublished = publish(businessId, new SyncPlan(cancellations, 0), known, counts);
        usable.put(Kind.APPOINTMENT, readable);
        Quarantine.Changes changes = Quarantine.after(businessId, quarantined,
                new Quarantine.Observation(rejected, usable, windowStart), now);
        announce(changes, now);

        setups.markSynced(setup, now, full);
        metrics.published(businessId, "service", counts.servicesPublished);
        metrics.published(businessId, "customer", counts.customersPublished);
        metrics.published(businessId, "appointment", counts.appointmentsPublished);
        metrics.published(businessId, "cancellation", counts.cancellationsPublished);
        metrics.rejected(businessId, rejected.size());
        metrics.quarantined(businessId, changes.countsAfter(quarantined));
        return new BusinessRunSummary(businessId, full, windowStart, counts.services, counts.customers,
                counts.appointments, counts.servicesPublished, counts.customersPublished,
                counts.appointmentsPublished, counts.cancellationsPublished, counts.unchanged, reader.retries(),
                reader.retryWait().toMillis(), rejected, warnings, null);
    }

    private static final class Counts {
        int services;
        int customers;
        int appointments;
        int servicesPublished;
        int customersPublished;
        int appointmentsPublished;
        int cancellationsPublished;
        int unchanged;
    }

    /**
     * Sends the batch, waits for every acknowledgement, and stores (and remembers in {@code known}) the state of those
     * acknowledged; returns how many were published.
     */
    private int publish(String businessId, SyncPlan plan, Map<String, KnownState> known, Counts counts) {
        counts.unchanged += plan.unchanged();
        List<Publication> publications = plan.publications();
        if (publications.isEmpty()) {
            return 0;
        }
        Sent sent = send(publications);
        // wall-clock time, not the run's "as of": a full resync compares it with when the setup changed
        Instant publishedAt = clock.instant();
        store.saveAll(businessId, sent.acknowledged(), publishedAt);
        remember(known, sent.acknowledged(), publishedAt);
        if (sent.failure() != null) {
            throw sent.failure();
        }
        return publications.size();
    }

    /** Publishes the quarantine's changes and, once Kafka has every one of them, stores them. */
    private void announce(Quarantine.Changes changes, Instant now) {
        List<Publication> publications = new ArrayList<>();
        changes.announced().forEach(entry -> publications.add(SyncEvents.quarantined(entry, now)));
        changes.releases().forEach(release -> publications.add(SyncEvents.released(release, now)));
        if (!publications.isEmpty()) {
            Sent sent = send(publications);
            if (sent.failure() != null) {
                throw sent.failure();
            }
        }
        quarantine.apply(changes);
    }

    /** The publications Kafka acknowledged, in order, and the first failure (null when every one was). */
    private record Sent(List<Publication> acknowledged, RuntimeException failure) {
    }

    private Sent send(List<Publication> publications) {
        control.checkpoint();
        List<CompletableFuture<SendResult<String, Object>>> sends = publications.stream()
                .map(p -> kafka.send(p.topic(), p.key(), p.event())).toList();
        List<Publication> acknowledged = new ArrayList<>();
        RuntimeException failure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(publications.get(i));
            } catch (ExecutionException | TimeoutException e) {
                failure = failure != null ? failure
                        : new IllegalStateException("publishing " + publications.get(i).key() + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while publishing", e);
                break;
            }
        }
        return new Sent(acknowledged, failure);
    }

    private static void remember(Map<String, KnownState> known, Collection<Publication> acknowledged,
            Instant publishedAt) {
        for (Publication p : acknowledged) {
            known.put(p.stateId(), new KnownState(p.stateId(), Keys.withinBusiness(p.key()),
                    p.revision(), p.appointmentEnd(), publishedAt));
        }
    }

    static boolean cancellation(Publication p) {
        return p.event() instanceof AppointmentCancelled;
    }
}
