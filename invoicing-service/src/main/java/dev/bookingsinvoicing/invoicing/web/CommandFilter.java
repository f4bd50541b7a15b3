package dev.bookingsinvoicing.invoicing.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the operator asked the command history to show: a kind of action, an outcome (done, preview, rejected), who
 * asked, the days it was answered (UTC, both included), and the page.
 */
public record CommandFilter(String kind, String outcome, String issuedBy,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Integer page, Integer size) {

    /** The outcomes one may filter by: the value in the query string -> the words on the page. */
    static final Map<String, String> OUTCOMES = outcomes();

    public CommandFilter {
        kind = CommandOutcome.KINDS.containsKey(kind) ? kind : null;
        outcome = OUTCOMES.containsKey(outcome) ? outcome : null;
        issuedBy = BookingFilter.blankToNull(issuedBy);
        page = Paging.page(page);
        size = Paging.size(size);
    }

    Criteria criteria() {
        List<Criteria> all = new ArrayList<>();
        if (kind != null) {
            all.add(Criteria.where("commandType").is(kind));
        }
        if (outcome != null) {
            all.add(switch (outcome) {
                case "rejected" -> Criteria.where("outcome").is("REJECTED");
                case "preview" -> Criteria.where("outcome").is("COMPLETED").and("preview").is(true);
                default -> Criteria.where("outcome").is("COMPLETED").and("preview").ne(true);
            });
        }
        if (issuedBy != null) {
            all.add(Criteria.where("issuedBy").is(issuedBy));
        }
        if (from != null || to != null) {
            all.add(UtcDays.bound("occurredAt", from, to));
        }
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    long offset() {
        return (long) page * size;
    }

    public boolean filtered() {
        return kind != null || outcome != null || issuedBy != null || from != null || to != null;
    }

    /** The same filter on another page, as a query string for links. */
    public String query(int otherPage) {
        return new QueryString().with("kind", kind).with("outcome", outcome).with("issuedBy", issuedBy)
                .with("from", from).with("to", to).with("page", otherPage).with("size", size).toString();
    }

    private static Map<String, String> outcomes() {
        Map<String, String> outcomes = new LinkedHashMap<>();
        outcomes.put("done", "Done");
        outcomes.put("preview", "Preview");
        outcomes.put("rejected", "Rejected");
        return outcomes;
    }
}
