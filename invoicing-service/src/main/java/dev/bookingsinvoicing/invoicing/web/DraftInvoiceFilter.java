package dev.bookingsinvoicing.invoicing.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the operator asked the draft invoices page to show: a customer (its no., or a part of its name), a business
 * (drafts with a line of it), a currency, the days the drafts were created (UTC, both included), and the page.
 */
public record DraftInvoiceFilter(String customer, String businessId, String currency,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Integer page, Integer size) {

    public DraftInvoiceFilter {
        customer = BookingFilter.blankToNull(customer);
        businessId = BookingFilter.blankToNull(businessId);
        currency = BookingFilter.blankToNull(currency);
        currency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
        page = Paging.page(page);
        size = Paging.size(size);
    }

    Criteria criteria() {
        List<Criteria> all = new ArrayList<>();
        if (customer != null) {
            all.add(new Criteria().orOperator(Criteria.where("customerNo").is(customer),
                    Criteria.where("customerName").regex(Pattern.compile(Pattern.quote(customer),
                            Pattern.CASE_INSENSITIVE))));
        }
        if (businessId != null) {
            all.add(Criteria.where("lines.businessId").is(businessId));
        }
        if (currency != null) {
            all.add(Criteria.where("currency").is(currency));
        }
        if (from != null || to != null) {
            all.add(UtcDays.bound("createdAt", from, to));
        }
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    long offset() {
        return (long) page * size;
    }

    public boolean filtered() {
        return customer != null || businessId != null || currency != null || from != null || to != null;
    }

    /** The same filter on another page, as a query string for links. */
    public String query(int otherPage) {
        return new QueryString().with("customer", customer).with("businessId", businessId)
                .with("currency", currency).with("from", from).with("to", to).with("page", otherPage)
                .with("size", size).toString();
    }
}
