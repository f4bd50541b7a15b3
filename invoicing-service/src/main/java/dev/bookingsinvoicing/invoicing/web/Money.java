package dev.bookingsinvoicing.invoicing.web;

import java.math.BigDecimal;

import org.bson.types.Decimal128;

/** Reads an amount from a raw MongoDB document, stored as a string or as Decimal128 depending on the mapping. */
final class Money {

    private Money() {
    }

    static BigDecimal of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Decimal128 d) {
            return d.bigDecimalValue();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return new BigDecimal(value.toString());
    }
}
