package dev.bookingsinvoicing.customers.registration;

/** Formats values of the customer number series: 10 -> C00010 with prefix C and five digits. */
public final class CustomerNumbers {

    private final CustomerProperties.NumberSeries series;

    public CustomerNumbers(CustomerProperties.NumberSeries series) {
        this.series = series;
    }

    public int step() {
        return series.step();
    }

    public String format(long value) {
        String digits = Long.toString(value);
        if (digits.length() > series.digits()) {
            throw new IllegalStateException("customer number series " + series.prefix() + " is exhausted at " + value);
        }
        return series.prefix() + "0".repeat(series.digits() - digits.length()) + digits;
    }
}
