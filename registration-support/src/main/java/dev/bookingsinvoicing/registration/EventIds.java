package dev.bookingsinvoicing.registration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Outcome event ids are deterministic: a name-based UUID of the event's content and of the event published before
 * it for the same record, so a change back to an earlier state is a new event, while re-processing the same input
 * gives the same id.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The id of an event of {@code parts} (its name first, then its content) following {@code previousEventId}. */
    public static String of(String previousEventId, List<String> parts) {
        List<String> all = new ArrayList<>(parts);
        if (previousEventId != null) {
            all.add("after:" + previousEventId);
        }
        // the unit separator cannot occur in ids or names, so ("a/b", "c") and ("a", "b/c") never collide
        return UUID.nameUUIDFromBytes(String.join("\u001f", all).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String of(String previousEventId, String... parts) {
        return of(previousEventId, Arrays.asList(parts));
    }
}
