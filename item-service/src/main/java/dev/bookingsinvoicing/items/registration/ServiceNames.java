package dev.bookingsinvoicing.items.registration;

import java.util.Locale;

/** Display names compared the way people read them: two services named "Haircut" and " haircut" are the same name. */
public final class ServiceNames {

    private ServiceNames() {
    }

    public static String normalise(String displayName) {
        return displayName == null ? "" : displayName.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
