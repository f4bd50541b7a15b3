package dev.bookingsinvoicing.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --timeout} as operators write it (30s, 2m, 1h, 500ms) or in ISO-8601 (PT2M); more than zero. */
final class Durations implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Map<String, ChronoUnit> UNITS = Map.of("ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS);

    @Override
    public Duration convert(String value) {
        Duration duration;
        Matcher shortForm = SHORT.matcher(value.trim());
        try {
            duration = shortForm.matches()
                    ? Duration.of(Long.parseLong(shortForm.group(1)), UNITS.get(shortForm.group(2)))
                    : Duration.parse(value.trim());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: write 30s, 2m, 1h or PT2M");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' must be more than zero");
        }
        return duration;
    }

    /** "2m", "3s", "1m30s", "0.5s": a duration as the short form above writes it. */
    static String words(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
