package dev.bookingsinvoicing.registration;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The read-only list of a service's records for dashboards: pages in number order, optionally of one Bookings
 * business, and one record by its number. A service's subclass is the {@code @RestController}, maps it to its path
 * ({@code /api/customers}, {@code /api/items}) and names its page's list.
 *
 * @param <R> a record as listed
 * @param <P> the service's page
 */
public abstract class DirectoryController<R, P> {

    public static final int MAX_PAGE_SIZE = 500;

    /** Makes the service's page: its records under the service's own name, the page asked for and the total. */
    @FunctionalInterface
    public interface Pages<R, P> {
        P of(List<R> records, int page, int size, long totalElements);
    }

    private final RegistrationStore<R, ?, ?> store;
    private final Nouns nouns;
    private final Pages<R, P> pages;

    protected DirectoryController(RegistrationStore<R, ?, ?> store, Nouns nouns, Pages<R, P> pages) {
        this.store = store;
        this.nouns = nouns;
        this.pages = pages;
    }

    /** {@code businessId} (optional) keeps the records that came from that Bookings business. */
    @GetMapping
    public P page(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String businessId) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return pages.of(store.page(businessId, page, size), page, size, store.count(businessId));
    }

    @GetMapping("/{number}")
    public R record(@PathVariable String number) {
        return store.find(number).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + nouns.singular() + " " + number));
    }
}
