package dev.bookingsinvoicing.invoicing.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * A range of days, both included, over a stored instant, in UTC: the draft invoices' and the command history's
 * date filters, as their pages show times in UTC.
 */
final class UtcDays {

    private UtcDays() {
    }

    /** {@code field} on or after {@code from}'s first instant and before the day after {@code to}; null: open. */
    static Criteria bound(String field, LocalDate from, LocalDate to) {
        Criteria criteria = Criteria.where(field);
        if (from != null) {
            criteria = criteria.gte(Date.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (to != null) {
            criteria = criteria.lt(Date.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return criteria;
    }
}
