package dev.bookingsinvoicing.sync.setup;

import java.time.Clock;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Booking Sync setup API: {@code GET /api/sync/setup} and {@code GET /api/sync/setup/{businessId}} (open, like
 * every read API of the system: a setup holds no secret), {@code PUT /api/sync/setup/{businessId}} (HTTP Basic, role
 * SYNC_ADMIN) creates or changes a business; fields left out keep their value. A refused setup is a 400 problem
 * detail ({@code ApiProblems}).
 */
@RestController
@RequestMapping("/api/sync/setup")
public class SetupController {

    private final SetupStore store;
    private final Clock clock;

    public SetupController(SetupStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GetMapping
    public List<BookingSyncSetup> all() {
        return store.all();
    }

    @GetMapping("/{businessId}")
    public BookingSyncSetup one(@PathVariable String businessId) {
        return store.find(businessId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no Booking Sync setup for business " + businessId));
    }

    @PutMapping("/{businessId}")
    public BookingSyncSetup put(@PathVariable String businessId, @RequestBody BookingSyncSetup.Settings settings) {
        return store.put(businessId, settings, clock.instant());
    }
}
