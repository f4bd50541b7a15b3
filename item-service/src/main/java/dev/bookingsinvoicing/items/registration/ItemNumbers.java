package dev.bookingsinvoicing.items.registration;

/** Formats values of the item number series: 10 -> SVC0010 with prefix SVC and four digits. */
public final class ItemNumbers {

    private final ItemProperties.NumberSeries series;

    public ItemNumbers(ItemProperties.NumberSeries series) {
        this.series = series;
    }

    public int step() {
        return series.step();
    }

    public String format(long value) {
        String digits = Long.toString(value);
        if (digits.length() > series.digits()) {
            throw new IllegalStateException("item number series " + series.prefix() + " is exhausted at " + value);
        }
        return series.prefix() + "0".repeat(series.digits() - digits.length()) + digits;
    }
}
