package dev.bookingsinvoicing.sync.run;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/sync/run} runs the sync now; {@code GET /api/sync/status} shows the last outcome per business. */
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
    public RunSummary run() {
        return runner.run();
    }

    @GetMapping("/status")
    public StatusView status() {
        return new StatusView(status.firstSyncDone(), status.businesses());
    }
}
