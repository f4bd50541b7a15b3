package dev.bookingsinvoicing.invoicing.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.bson.types.Decimal128;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Values of documents read and written as raw BSON (the hot paths: planning reads, plans and invoices), in the very
 * shapes Spring Data's mapping writes and reads, so the mapped readers of the same collections see the same values.
 */
public final class BsonValues {

    private BsonValues() {
    }

    /**
     * A decimal as stored: Decimal128, or text when the template's converter keeps decimals as strings (or a plain
     * number, written by hand); null when absent.
     */
    public static BigDecimal decimal(Object value) {
        if (value instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (value instanceof String s) {
            return new BigDecimal(s);
        }
        if (value instanceof BigDecimal b) {
            return b;
        }
        return value instanceof Number n ? new BigDecimal(n.toString()) : null;
    }

    /**
     * Whether the template's converter stores decimals as text; otherwise they are Decimal128 (the converter's own, or
     * the driver's encoding of a BigDecimal it passes on).
     */
    public static boolean decimalsAsText(MongoTemplate mongo) {
        return mongo.getConverter().convertToMongoType(BigDecimal.ONE) instanceof String;
    }

    /** A decimal as the converter stores it: Decimal128, or its plain text (see {@link #decimalsAsText}). */
    public static Object decimal(BigDecimal value, boolean asText) {
        if (value == null) {
            return null;
        }
        return asText ? value.toPlainString() : new Decimal128(value);
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
