package dev.bookingsinvoicing.service.time;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ibm.icu.util.TimeZone;

/**
 * Reads the time zone names Microsoft Graph writes in a {@code dateTimeTimeZone}: Windows names ("Tokyo Standard
 * Time"), resolved through CLDR's Windows-zone mapping as ICU4J ships it, or IANA ids ("Asia/Tokyo"). The result is
 * always a region-based IANA zone where one exists, so the zone can travel in events as a plain IANA id.
 */
public final class GraphTimeZones {

    // Exchange's own spelling of UTC, seen on calendar items; not a Windows zone id
    private static final String EXCHANGE_UTC = "tzone://microsoft/utc";

    // a tenant uses a handful of names; the lookup (a few microseconds in ICU) runs once per name, not once per row
    private static final Cache<String, ZoneId> KNOWN = Caffeine.newBuilder().maximumSize(1_000).build();

    private GraphTimeZones() {
    }

    /**
     * The zone a Graph time zone name stands for; blank means UTC (Graph's default when none is asked for).
     *
     * @throws UnknownTimeZoneException when the name is neither a Windows zone of the CLDR mapping nor an IANA id
     */
    public static ZoneId resolve(String name) {
        if (name == null || name.isBlank()) {
            return ZoneOffset.UTC;
        }
        return KNOWN.get(name, GraphTimeZones::lookUp);
    }

    private static ZoneId lookUp(String name) {
        String trimmed = name.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals(EXCHANGE_UTC)) {
            return ZoneOffset.UTC;
        }
        Set<String> candidates = new LinkedHashSet<>();
        String fromWindows = TimeZone.getIDForWindowsID(trimmed, null);
        if (fromWindows != null) {
            candidates.add(TimeZone.getIanaID(fromWindows));
            candidates.add(fromWindows);
        } else {
            // an IANA id, possibly an alias ("Asia/Calcutta"): prefer its current IANA name, else as written
            String iana = TimeZone.getIanaID(trimmed);
            if (iana != null && !iana.equals(TimeZone.UNKNOWN_ZONE_ID)) {
                candidates.add(iana);
            }
            candidates.add(trimmed);
        }
        for (String candidate : candidates) {
            if (candidate == null || candidate.equals(TimeZone.UNKNOWN_ZONE_ID)) {
                continue;
            }
            try {
                ZoneId zone = ZoneId.of(candidate);
                return isUtc(zone) ? ZoneOffset.UTC : zone;
            } catch (DateTimeException notKnownToThisJdk) {
                // ICU's data may be newer than the JDK's: try the next spelling
            }
        }
        throw new UnknownTimeZoneException(trimmed);
    }

    /** The IANA id the zone of a Graph time zone name travels as in events ("UTC" for UTC). */
    public static String ianaId(String name) {
        return ianaId(resolve(name));
    }

    /** The id a zone travels as in events: its own, except "UTC" for UTC (not "Z"). */
    public static String ianaId(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static boolean isUtc(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) || zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC")
                || zone.getId().equals("Etc/GMT") || zone.getId().equals("GMT");
    }

    /** A time zone name that is neither a Windows zone of the CLDR mapping nor an IANA id. */
    public static final class UnknownTimeZoneException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        UnknownTimeZoneException(String name) {
            super("unknown time zone '" + name + "' (neither a Windows zone name of the CLDR mapping nor an IANA id)");
        }
    }
}
