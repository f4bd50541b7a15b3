package dev.bookingsinvoicing.invoicing.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.bson.types.Decimal128;

/**
 * Values of documents read and written as raw BSON (the hot paths: planning reads, plans and invoices), in the very
 * shapes Spring Data's mapping writes and reads, so the mapped readers of the same collections see the same values.
 */
public final class BsonValues {

    private BsonValues() {
    }

    /** A decimal as stored: Decimal128, or text when the template's converter keeps decimals as strings. */
    public static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (value instanceof String s) {
            return new BigDecimal(s);
        }
        return value instanceof BigDecimal b ? b : null;
    }

    public static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant instant(Object value) {
        return value instanceof Date d ? d.toInstant() : null;
    }

    /** Local dates are stored as ISO-8601 text, which orders like the dates (see the view's {@code localDate}). */
    public static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public static LocalDate localDate(Object value) {
        return value instanceof String s ? LocalDate.parse(s) : null;
    }
}
