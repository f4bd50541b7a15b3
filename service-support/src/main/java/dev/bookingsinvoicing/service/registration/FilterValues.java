package dev.bookingsinvoicing.service.registration;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accepted values of a filter, written the way BC users write filters: {@code Aarhus}, {@code 8*} (wildcard) or
 * {@code 8000..8999} (a range, compared as text). Matching is trimmed and case-insensitive.
 */
public final class FilterValues {

    private FilterValues() {
    }

    /** True when {@code accepted} is empty (no filter) or one of its entries matches {@code value}. */
    public static boolean accepts(List<String> accepted, String value) {
        if (accepted == null || accepted.isEmpty()) {
            return true;
        }
        String normalised = normalise(value);
        return accepted.stream().anyMatch(a -> matches(normalise(a), normalised));
    }

    static boolean matches(String filter, String value) {
        int range = filter.indexOf("..");
        if (range >= 0) {
            String from = filter.substring(0, range).trim();
            String to = filter.substring(range + 2).trim();
            return !value.isEmpty() && (from.isEmpty() || value.compareTo(from) >= 0)
                    && (to.isEmpty() || value.compareTo(to) <= 0);
        }
        if (filter.contains("*")) {
            String regex = String.join(".*", List.of(filter.split("\\*", -1)).stream().map(Pattern::quote).toList());
            return Pattern.matches(regex, value);
        }
        return filter.equals(value);
    }

    private static String normalise(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
