package dev.bookingsinvoicing.invoicing.api;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.command.DraftInvoice;

/** Reads the draft invoices the commands created. */
@RestController
@RequestMapping("/api/draft-invoices")
public class DraftInvoicesController {

    private final MongoTemplate mongo;

    public DraftInvoicesController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    public PageResponse<DraftInvoice> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Paging.check(page, size);
        long total = mongo.count(new Query(), DraftInvoice.class);
        Query pageQuery = new Query().with(Sort.by("createdAt", "_id")).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(pageQuery, DraftInvoice.class), page, size, total);
    }

    @GetMapping("/{invoiceId}")
    public ResponseEntity<DraftInvoice> get(@PathVariable String invoiceId) {
        return ResponseEntity.ofNullable(mongo.findById(invoiceId, DraftInvoice.class));
    }
}
