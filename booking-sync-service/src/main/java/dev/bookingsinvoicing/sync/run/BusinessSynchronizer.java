package dev.bookingsinvoicing.sync.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import dev.bookingsinvoicing.events.AppointmentCancelled;
import dev.bookingsinvoicing.sync.config.BookingSyncProperties;
import dev.bookingsinvoicing.sync.domain.BookingsData.BusinessSnapshot;
import dev.bookingsinvoicing.sync.domain.BookingsSource;
import dev.bookingsinvoicing.sync.domain.Publication;
import dev.bookingsinvoicing.sync.domain.SyncEvents.Kind;
import dev.bookingsinvoicing.sync.domain.SyncPlan;
import dev.bookingsinvoicing.sync.state.SyncStateStore;

/** Syncs one business: read, plan against the stored state, publish, and remember what Kafka acknowledged. */
@Component
public class BusinessSynchronizer {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final BookingsSource source;
    private final SyncStateStore store;
    private final KafkaTemplate<String, Object> kafka;
    private final BookingSyncProperties properties;

    public BusinessSynchronizer(BookingsSource source, SyncStateStore store, KafkaTemplate<String, Object> kafka,
            BookingSyncProperties properties) {
        this.source = source;
        this.store = store;
        this.kafka = kafka;
        this.properties = properties;
    }

    public BusinessRunSummary sync(String businessId, Instant now) {
        Instant windowStart = now.minus(properties.lookback());
        BusinessSnapshot snapshot = source.read(businessId, windowStart, now);
        SyncPlan plan = SyncPlan.of(snapshot, store.load(businessId), windowStart, now);
        publish(businessId, plan.publications(), now);
        List<Publication> p = plan.publications();
        return new BusinessRunSummary(businessId, snapshot.services().size(), snapshot.customers().size(),
                snapshot.appointments().size(), count(p, Kind.SERVICE), count(p, Kind.CUSTOMER),
                (int) p.stream().filter(x -> x.kind() == Kind.APPOINTMENT && !cancellation(x)).count(),
                (int) p.stream().filter(BusinessSynchronizer::cancellation).count(), plan.unchanged(), null);
    }

    /** Sends the batch, waits for every acknowledgement, and stores the state of those acknowledged. */
    private void publish(String businessId, List<Publication> publications, Instant now) {
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
        store.saveAll(businessId, acknowledged, now);
        if (failure != null) {
            throw failure;
        }
    }

    private static boolean cancellation(Publication p) {
        return p.event() instanceof AppointmentCancelled;
    }

    private static int count(List<Publication> publications, Kind kind) {
        return (int) publications.stream().filter(p -> p.kind() == kind).count();
    }
}
