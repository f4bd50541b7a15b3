package dev.bookingsinvoicing.sync.run;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.sync.domain.RunSummary;
import dev.bookingsinvoicing.sync.observability.SyncStatus;
import dev.bookingsinvoicing.sync.setup.BusinessId;
import dev.bookingsinvoicing.sync.setup.SetupStore;
import dev.bookingsinvoicing.sync.state.QuarantineStore;

/**
 * {@code POST /api/sync/run[?full=true][&business=id...]} runs the sync now (HTTP Basic, role SYNC_ADMIN; full =
 * read the whole lookback window, a reconciliation); {@code GET /api/sync/status} shows the last outcome per
 * business (open); {@code GET /api/sync/quarantine} lists the Bookings records kept because they could not be used,
 * with the reason (open). A business id that is not a mailbox address, or has no setup, is answered 400 (a problem detail
 * saying which and why), not with an empty run.
 */
@RestController
@RequestMapping("/api/sync")
public class SyncController {

    /** The status document: whether the first full sync is done, and each business's last outcome. */
    public record StatusView(boolean firstSyncDone, List<SyncStatus.BusinessStatus> businesses) {
    }

    private final SyncRunner runner;
    private final SyncStatus status;
    private final SetupStore setups;
    private final QuarantineStore quarantine;

    public SyncController(SyncRunner runner, SyncStatus status, SetupStore setups, QuarantineStore quarantine) {
        this.runner = runner;
        this.status = status;
        this.setups = setups;
        this.quarantine = quarantine;
    }

    @PostMapping("/run")
    public RunSummary run(@RequestParam(defaultValue = "false") boolean full,
            @RequestParam(name = "business", required = false) List<String> businesses) {
        if (businesses != null) {
            businesses.forEach(BusinessId::requireValid);
            runner.ensureSeeded();
            Set<String> unknown = new TreeSet<>(businesses);
            setups.all().forEach(setup -> unknown.remove(setup.id()));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("no Booking Sync setup for business " + String.join(", ", unknown)
                        + "; add one with PUT /api/sync/setup/{businessId} first");
            }
        }
        return runner.run(new SyncRunner.Request(null, full, false, businesses));
    }

    /** One quarantined record as the API shows it. */
    public record QuarantinedView(String businessId, String kind, String recordId, String reason,
            Instant firstSeenAt, Instant lastSeenAt, int attempts) {
    }

    @GetMapping("/quarantine")
    public List<QuarantinedView> quarantine() {
        return quarantine.all().stream().map(e -> new QuarantinedView(e.businessId(), e.kind().name(), e.recordId(),
                e.reason(), e.firstSeenAt(), e.lastSeenAt(), e.attempts())).toList();
    }

    @GetMapping("/status")
    public StatusView status() {
        return new StatusView(status.firstSyncDone(), status.businesses());
    }
}
