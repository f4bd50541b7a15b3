package dev.bookingsinvoicing.sync.domain;

import java.time.Instant;
import java.util.List;

/** What one sync run over every enabled business did. */
public record RunSummary(Instant startedAt, Instant finishedAt, List<BusinessRunSummary> businesses) {

    public int published() {
        return businesses.stream().mapToInt(BusinessRunSummary::published).sum();
    }
}
