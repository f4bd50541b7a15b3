package dev.bookingsinvoicing.invoicing.api;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.bookingsinvoicing.invoicing.view.BookingRow;
import dev.bookingsinvoicing.invoicing.view.BookingStatus;

/** Reads "Bookings Not Invoiced", filtered and paged, sorted by start then booking id. */
@RestController
@RequestMapping("/api/bookings-not-invoiced")
public class BookingsNotInvoicedController {

    private final MongoTemplate mongo;

    public BookingsNotInvoicedController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    public PageResponse<BookingRow> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) BookingStatus status,
            @RequestParam(required = false) String customerNo, @RequestParam(required = false) String businessId) {
        Paging.check(page, size);
        Criteria criteria = new Criteria();
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        if (customerNo != null && !customerNo.isBlank()) {
            criteria = criteria.and("customerNo").is(customerNo);
        }
        if (businessId != null && !businessId.isBlank()) {
            criteria = criteria.and("businessId").is(businessId);
        }
        long total = mongo.count(Query.query(criteria), BookingRow.class);
        Query pageQuery = Query.query(criteria).with(Sort.by("start", "_id")).skip((long) page * size).limit(size);
        return PageResponse.of(mongo.find(pageQuery, BookingRow.class), page, size, total);
    }
}
