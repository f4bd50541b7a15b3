package dev.bookingsinvoicing.customers.directory;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.customers.directory.CustomerDirectoryController.CustomerPage;
import dev.bookingsinvoicing.customers.registration.CustomerRecord;
import dev.bookingsinvoicing.customers.registration.CustomerStore;
import dev.bookingsinvoicing.registration.DirectoryController;
import dev.bookingsinvoicing.registration.SourceState;

/** Read-only customer list for dashboards: each customer with the Bookings customers it came from. */
@RestController
@RequestMapping("/api/customers")
public class CustomerDirectoryController extends DirectoryController<CustomerRecord, CustomerPage> {

    private final CustomerStore store;

    public CustomerDirectoryController(CustomerStore store) {
        super(store, CustomerStore.NOUNS, CustomerPage::new);
        this.store = store;
    }

    /** One page of customers in number order. */
    public record CustomerPage(List<CustomerRecord> customers, int page, int size, long totalElements) {
    }

    /** The customer a Bookings customer is linked to. */
    @GetMapping("/by-bookings-customer")
    public CustomerRecord byBookingsCustomer(@RequestParam String businessId, @RequestParam String bookingsCustomerId) {
        String reference = businessId + "/" + bookingsCustomerId;
        return store.state(reference).filter(SourceState::linked).flatMap(s -> store.find(s.number()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "Bookings customer " + reference + " is not linked to a customer"));
    }
}
