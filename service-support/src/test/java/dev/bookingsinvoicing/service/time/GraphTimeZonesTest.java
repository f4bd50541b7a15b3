package dev.bookingsinvoicing.service.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.ibm.icu.util.TimeZone;

class GraphTimeZonesTest {

    @ParameterizedTest
    @CsvSource({
            "Tokyo Standard Time, Asia/Tokyo",
            "AUS Eastern Standard Time, Australia/Sydney",
            "India Standard Time, Asia/Kolkata",
            "E. South America Standard Time, America/Sao_Paulo",
            "Pacific Standard Time, America/Los_Angeles",
            "W. Europe Standard Time, Europe/Berlin",
            "GMT Standard Time, Europe/London",
            "Romance Standard Time, Europe/Paris",
            "Asia/Tokyo, Asia/Tokyo",
            "Europe/Amsterdam, Europe/Amsterdam",
            "Asia/Calcutta, Asia/Kolkata",
            "UTC, UTC",
            "tzone://Microsoft/Utc, UTC" })
    void windowsAndIanaNamesAreTheZonesTheyNameAsIanaIds(String name, String iana) {
        assertThat(GraphTimeZones.ianaId(name)).isEqualTo(iana);
    }

    @Test
    void aBlankNameIsUtcAndAnUnknownOneSaysWhy() {
        assertThat(GraphTimeZones.resolve(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(GraphTimeZones.resolve(" ")).isEqualTo(ZoneOffset.UTC);
        assertThatThrownBy(() -> GraphTimeZones.resolve("Mars Standard Time"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Mars Standard Time'");
    }

    /**
     * Every Windows zone of CLDR's mapping (enumerated from ICU's data: the Windows names of every zone it knows)
     * resolves to a JDK zone whose UTC offsets agree with ICU's own rules for that Windows zone over two past years,
     * so a booking's local time is the same whichever library is asked. (Past years: ICU can ship newer zone rules
     * than the JDK, e.g. a region that stops changing its clocks next year.)
     */
    @Test
    void everyWindowsZoneOfTheMappingIsUnderstoodWithTheSameOffsets() {
        Set<String> windowsZones = new TreeSet<>();
        for (String id : TimeZone.getAvailableIDs()) {
            String windows = TimeZone.getWindowsID(id);
            if (windows != null) {
                windowsZones.add(windows);
            }
        }
        assertThat(windowsZones).hasSizeGreaterThan(130).contains("Tokyo Standard Time", "Dateline Standard Time");

        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        for (String windows : windowsZones) {
            ZoneId zone = GraphTimeZones.resolve(windows);
            TimeZone icu = TimeZone.getTimeZone(TimeZone.getIDForWindowsID(windows, null));
            for (Instant t = from; t.isBefore(from.plus(730, ChronoUnit.DAYS)); t = t.plus(7, ChronoUnit.DAYS)) {
                int jdkSeconds = zone.getRules().getOffset(t).getTotalSeconds();
                assertThat(jdkSeconds).as("%s (%s) at %s", windows, zone, t)
                        .isEqualTo(icu.getOffset(t.toEpochMilli()) / 1000);
            }
        }
    }

    @Test
    void localTimesOnDaylightSavingChangeDaysFollowTheZone() {
        // Europe's clocks go back at 03:00 CEST on 2026-10-25: 02:30 happens twice, the earlier (CEST) is taken
        ZoneId berlin = GraphTimeZones.resolve("W. Europe Standard Time");
        assertThat(LocalDateTime.parse("2026-10-25T02:30:00").atZone(berlin).toInstant())
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        // the US springs forward at 02:00 EST on 2026-03-08: 01:30 is EST, 03:30 is EDT
        ZoneId newYork = GraphTimeZones.resolve("Eastern Standard Time");
        assertThat(LocalDateTime.parse("2026-03-08T01:30:00").atZone(newYork).toInstant())
                .isEqualTo(Instant.parse("2026-03-08T06:30:00Z"));
        assertThat(LocalDateTime.parse("2026-03-08T03:30:00").atZone(newYork).toInstant())
                .isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }
}
