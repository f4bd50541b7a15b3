package dev.bookingsinvoicing.sync.setup;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Booking Sync filter, BC-style but on the Bookings side: {@code field=value|value;field=value}, where a value may
 * use {@code *} as a wildcard and every comparison ignores case. All fields must match; an empty filter accepts
 * everything; a missing value (e.g. no email) matches only the value {@code ''}. Example:
 * {@code email=*@contoso.com|*@fabrikam.com;city=Amsterdam}.
 *
 * @param <T> what is filtered (customer or service data)
 */
public final class SetupFilter<T> {

    private final String expression;
    private final Map<Function<T, String>, List<Pattern>> conditions;

    private SetupFilter(String expression, Map<Function<T, String>, List<Pattern>> conditions) {
        this.expression = expression;
        this.conditions = conditions;
    }

    /**
     * Parses a filter over the given fields; an unknown field or a condition without '=' is refused with a message
     * naming it (so a wrong filter fails when it is configured, not at the next sync).
     */
    public static <T> SetupFilter<T> parse(String expression, Map<String, Function<T, String>> fields) {
        String text = expression == null ? "" : expression.trim();
        Map<Function<T, String>, List<Pattern>> conditions = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String condition : text.split(";")) {
                if (condition.isBlank()) {
                    continue;
                }
                int eq = condition.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("filter condition '" + condition.trim()
                            + "' is not field=value; fields: " + new java.util.TreeSet<>(fields.keySet()));
                }
                String field = condition.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                Function<T, String> getter = fields.get(field);
                if (getter == null) {
                    throw new IllegalArgumentException(
                            "unknown filter field '" + field + "'; fields: " + new java.util.TreeSet<>(fields.keySet()));
                }
                conditions.put(getter, Arrays.stream(condition.substring(eq + 1).split("\\|")).map(String::trim)
                        .map(SetupFilter::wildcard).toList());
            }
        }
        return new SetupFilter<>(text, conditions);
    }

    public boolean accepts(T value) {
        return conditions.entrySet().stream().allMatch(c -> {
            String actual = c.getKey().apply(value);
            String text = actual == null ? "" : actual.trim();
            return c.getValue().stream().anyMatch(p -> p.matcher(text).matches());
        });
    }

    public boolean acceptsAll() {
        return conditions.isEmpty();
    }

    @Override
    public String toString() {
        return expression;
    }

    private static Pattern wildcard(String value) {
        if (value.equals("''")) {
            return Pattern.compile(""); // the value '' matches a missing or blank field
        }
        String regex = Arrays.stream(value.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
