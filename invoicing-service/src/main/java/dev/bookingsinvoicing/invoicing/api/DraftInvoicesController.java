package dev.bookingsinvoicing.invoicing.api;

import java.time.Instant;
import java.util.Date;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.command.DraftInvoice;
import dev.bookingsinvoicing.invoicing.command.InvoiceLine;
import dev.bookingsinvoicing.invoicing.security.BusinessAccess;

/**
 * Reads the draft invoices the commands created, with their lines: paged, newest first, filterable by customer no.,
 * command and a [from, to) range on the creation time. A deleted draft is gone from here (404), and so is a draft
 * with a line of a business the user may not see.
 */
@RestController
@RequestMapping("/api/draft-invoices")
public class DraftInvoicesController {

    private final MongoTemplate mongo;

    public DraftInvoicesController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    public PageResponse<DraftInvoice> list(BusinessAccess access, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String customerNo,
            @RequestParam(required = false) String commandId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Paging.check(page, size);
        Instant fromInstant = ViewQuery.instant("from", from);
        Instant toInstant = ViewQuery.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new BadQueryException("from must be before to (the range is [from, to) on createdAt)");
        }
        Criteria criteria = new Criteria();
        if (customerNo != null && !customerNo.isBlank()) {
            criteria = criteria.and("customerNo").is(customerNo);
        }
        if (commandId != null && !commandId.isBlank()) {
            criteria = criteria.and("commandId").is(commandId);
        }
        if (fromInstant != null || toInstant != null) {
            Criteria created = criteria.and("createdAt");
            if (fromInstant != null) {
                created = created.gte(Date.from(fromInstant));
            }
            if (toInstant != null) {
                created.lt(Date.from(toInstant));
            }
        }
        criteria = access.invoices(criteria);
        long total = mongo.count(Query.query(criteria), DraftInvoice.class);
        Query pageQuery = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
                .skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(pageQuery, DraftInvoice.class), page, size, total);
    }

    @GetMapping("/{invoiceId}")
    public ResponseEntity<DraftInvoice> get(BusinessAccess access, @PathVariable String invoiceId) {
        DraftInvoice invoice = mongo.findById(invoiceId, DraftInvoice.class);
        boolean visible = invoice != null
                && access.seesInvoice(invoice.lines().stream().map(InvoiceLine::bookingId).toList());
        return ResponseEntity.ofNullable(visible ? invoice : null);
    }
}
