package dev.bookingsinvoicing.sync.run;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.sync.setup.BusinessId;
import dev.bookingsinvoicing.sync.setup.SetupStore;

/**
 * {@code POST /api/sync/run[?full=true][&business=id...]} runs the sync now (HTTP Basic, role SYNC_ADMIN; full =
 * read the whole lookback window, a reconciliation); {@code GET /api/sync/status} shows the last outcome per
 * business (open). A business id that is not a mailbox address, or has no setup, is answered 400 (a problem detail
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

    public SyncController(SyncRunner runner, SyncStatus status, SetupStore setups) {
        this.runner = runner;
        this.status = status;
        this.setups = setups;
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

    @GetMapping("/status")
    public StatusView status() {
        return new StatusView(status.firstSyncDone(), status.businesses());
    }
}
