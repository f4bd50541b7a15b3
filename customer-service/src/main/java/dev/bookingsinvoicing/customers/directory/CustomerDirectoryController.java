package dev.bookingsinvoicing.customers.directory;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.customers.registration.CustomerRecord;
import dev.bookingsinvoicing.customers.registration.CustomerStore;
import dev.bookingsinvoicing.customers.registration.SourceState;

/** Read-only customer list for dashboards: each customer with the Bookings customers it came from. */
@RestController
@RequestMapping("/api/customers")
public class CustomerDirectoryController {

    static final int MAX_PAGE_SIZE = 500;

    private final CustomerStore store;

    public CustomerDirectoryController(CustomerStore store) {
        this.store = store;
    }

    /** One page of customers in number order. */
    public record CustomerPage(List<CustomerRecord> customers, int page, int size, long totalElements) {
    }

    /** {@code businessId} (optional) keeps the customers that came from that Bookings business. */
    @GetMapping
    public CustomerPage customers(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String businessId) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return new CustomerPage(store.customers(businessId, page, size), page, size, store.countCustomers(businessId));
    }

    /** The customer a Bookings customer is linked to. */
    @GetMapping("/by-bookings-customer")
    public CustomerRecord byBookingsCustomer(@RequestParam String businessId, @RequestParam String bookingsCustomerId) {
        String reference = businessId + "/" + bookingsCustomerId;
        return store.state(reference).filter(SourceState::linked).flatMap(s -> store.customer(s.customerNo()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "Bookings customer " + reference + " is not linked to a customer"));
    }

    @GetMapping("/{customerNo}")
    public CustomerRecord customer(@PathVariable String customerNo) {
        return store.customer(customerNo).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + customerNo));
    }
}
