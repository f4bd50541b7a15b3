package dev.bookingsinvoicing.service.registration;

/**
 * A number series: values step, 2 x step, ... formatted as the prefix and zero-padded digits (10 -> C00010 with
 * prefix C and five digits), how many values are left after the last one handed out, and when that is few enough to
 * warn. The counter itself lives in each service's store; this class is the arithmetic and the wording.
 */
public final class NumberSeries {

    /** The share of a series used from which operators are warned, unless configured otherwise. */
    public static final double DEFAULT_WARN_AT = 0.9;

    private final String name;
    private final String prefix;
    private final int digits;
    private final int step;
    private final double warnAt;
    private final String digitsSetting;
    private final long largest;

    /**
     * A series called {@code name} (as in "customer number series C"), warned about once {@code warnAt} of it is
     * used; {@code digitsSetting} is the configuration key that widens it, named in every warning and error.
     */
    public NumberSeries(String name, String prefix, int digits, int step, double warnAt, String digitsSetting) {
        if (digits < 1 || digits > 18) {
            throw new IllegalArgumentException(digitsSetting + " must be 1..18, not " + digits);
        }
        this.largest = (long) Math.pow(10, digits) - 1;
        if (step < 1 || step > largest) {
            throw new IllegalArgumentException("the step of the " + name + " number series " + prefix + " must be 1.."
                    + largest + " to fit " + digits + " digits, not " + step);
        }
        if (!(warnAt > 0 && warnAt <= 1)) {
            throw new IllegalArgumentException("the warning share of the " + name + " number series " + prefix
                    + " must be above 0 and at most 1, not " + warnAt);
        }
        this.name = name;
        this.prefix = prefix;
        this.digits = digits;
        this.step = step;
        this.warnAt = warnAt;
        this.digitsSetting = digitsSetting;
    }

    /** A series with the default warning share, named in errors by {@code name} alone (tests and tools). */
    public NumberSeries(String name, String prefix, int digits, int step) {
        this(name, prefix, digits, step, DEFAULT_WARN_AT, name + " number series digits");
    }

    /**
     * Whether at least one number of {@code step} fits in {@code digits} (1 to 18; other widths are refused on their
     * own, so they pass here): a service checks its settings with it when they are bound.
     */
    public static boolean stepFits(int digits, int step) {
        return digits < 1 || digits > 18 || step < Math.pow(10, digits);
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public int digits() {
        return digits;
    }

    public int step() {
        return step;
    }

    public double warnAt() {
        return warnAt;
    }

    public String digitsSetting() {
        return digitsSetting;
    }

    /** How many numbers the series holds from an empty counter: C00010 .. C99990 is 9,999 at five digits, step 10. */
    public long capacity() {
        return largest / step;
    }

    /** How many numbers can still be handed out after {@code last} (0 before the first). */
    public long remaining(long last) {
        return last >= largest ? 0 : (largest - last) / step;
    }

    /** The largest counter value after which one more number still fits. */
    public long lastDrawable() {
        return largest - step;
    }

    /** Whether the share of the series used after {@code last} has reached the warning share. */
    public boolean pastWarning(long last) {
        long used = capacity() - remaining(last);
        return used >= Math.ceil(capacity() * warnAt);
    }

    /** Whether handing out {@code value} is the moment the series crosses its warning share (exactly one value is). */
    public boolean crossesWarning(long value) {
        return pastWarning(value) && !pastWarning(value - step);
    }

    public String format(long value) {
        if (value > largest) {
            throw exhausted(value - step);
        }
        String text = Long.toString(value);
        return prefix + "0".repeat(digits - text.length()) + text;
    }

    /** The error for a registration that needs a number after {@code last}: which series, and what to change. */
    public NumberSeriesExhaustedException exhausted(long last) {
        String lastNumber = last <= 0 || last > largest ? "" : " (its last number is " + format(last) + ")";
        return new NumberSeriesExhaustedException(name + " number series " + prefix + " is exhausted: all " + capacity()
                + " numbers of " + digits + " digits at step " + step + " are used" + lastNumber + "; raise "
                + digitsSetting + " to continue with the next number");
    }

    /** The warning logged when the series crosses its warning share (and at start-up while past it). */
    public String warning(long last) {
        return name + " number series " + prefix + " has " + remaining(last) + " of " + capacity()
                + " numbers left (" + Math.round(warnAt * 100) + "% warning threshold passed); raise " + digitsSetting
                + " before it is exhausted";
    }
}
