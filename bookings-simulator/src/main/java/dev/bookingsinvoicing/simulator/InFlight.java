package dev.bookingsinvoicing.simulator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How many requests the simulator is answering at the same time, overall and per Bookings business (per mailbox, as
 * Graph's Outlook limits count them), and the most seen since start: what a test reads to check a client's
 * concurrency. Thread-safe.
 */
public final class InFlight {

    private int now;
    private int max;
    private final Map<String, Integer> nowPerBusiness = new HashMap<>();
    private final Map<String, Integer> maxPerBusiness = new HashMap<>();

    InFlight() {
    }

    /** The most requests answered at the same time, over every business. */
    public synchronized int max() {
        return max;
    }

    /** The most requests to this business (its paths, not the list of businesses) answered at the same time. */
    public synchronized int max(String businessId) {
        return maxPerBusiness.getOrDefault(key(businessId), 0);
    }

    /** The most requests to any one business answered at the same time. */
    public synchronized int maxPerBusiness() {
        return maxPerBusiness.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    synchronized void enter(String businessId) {
        max = Math.max(max, ++now);
        if (businessId != null) {
            int current = nowPerBusiness.merge(key(businessId), 1, Integer::sum);
            maxPerBusiness.merge(key(businessId), current, Math::max);
        }
    }

    synchronized void exit(String businessId) {
        now--;
        if (businessId != null) {
            nowPerBusiness.merge(key(businessId), -1, Integer::sum);
        }
    }

    private static String key(String businessId) {
        return businessId.toLowerCase(Locale.ROOT);
    }
}
