package dev.bookingsinvoicing.service.registration;

/** Formats values of a number series: 10 -> C00010 with prefix C and five digits. */
public final class NumberSeries {

    private final String name;
    private final String prefix;
    private final int digits;
    private final int step;

    /** A series called {@code name} (as in "customer number series C is exhausted at 100000"). */
    public NumberSeries(String name, String prefix, int digits, int step) {
        this.name = name;
        this.prefix = prefix;
        this.digits = digits;
        this.step = step;
    }

    public int step() {
        return step;
    }

    public String format(long value) {
        String text = Long.toString(value);
        if (text.length() > digits) {
            throw new IllegalStateException(name + " number series " + prefix + " is exhausted at " + value);
        }
        return prefix + "0".repeat(digits - text.length()) + text;
    }
}
