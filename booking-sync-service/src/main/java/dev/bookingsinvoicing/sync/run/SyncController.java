package dev.bookingsinvoicing.sync.run;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/sync/run[?full=true][&business=id...]} runs the sync now (HTTP Basic, role SYNC_ADMIN; full =
 * read the whole lookback window, a reconciliation); {@code GET /api/sync/status} shows the last outcome per
 * business (open).
 */
@RestController
@RequestMapping("/api/sync")
public class SyncController {

    /** The status document: whether the first full sync is done, and each business's last outcome. */
    public record StatusView(boolean firstSyncDone, List<SyncStatus.BusinessStatus> businesses) {
    }

    private final SyncRunner runner;
    private final SyncStatus status;

    public SyncController(SyncRunner runner, SyncStatus status) {
        this.runner = runner;
        this.status = status;
    }

    @PostMapping("/run")
    public RunSummary run(@RequestParam(defaultValue = "false") boolean full,
            @RequestParam(name = "business", required = false) List<String> businesses) {
        return runner.run(new SyncRunner.Request(null, full, false, businesses));
    }

    @GetMapping("/status")
    public StatusView status() {
        return new StatusView(status.firstSyncDone(), status.businesses());
    }
}
