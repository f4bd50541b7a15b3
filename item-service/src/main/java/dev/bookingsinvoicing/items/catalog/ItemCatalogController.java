package dev.bookingsinvoicing.items.catalog;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.items.registration.DuplicateName;
import dev.bookingsinvoicing.items.registration.ItemRecord;
import dev.bookingsinvoicing.items.registration.ItemStore;

/** Read-only item list for dashboards, and the services that share a display name. */
@RestController
@RequestMapping("/api/items")
public class ItemCatalogController {

    static final int MAX_PAGE_SIZE = 500;

    private final ItemStore store;

    public ItemCatalogController(ItemStore store) {
        this.store = store;
    }

    /** One page of items in number order. */
    public record ItemPage(List<ItemRecord> items, int page, int size, long totalElements) {
    }

    /** {@code businessId} (optional) keeps the items of that Bookings business. */
    @GetMapping
    public ItemPage items(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) String businessId) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return new ItemPage(store.items(businessId, page, size), page, size, store.countItems(businessId));
    }

    @GetMapping("/duplicate-names")
    public List<DuplicateName> duplicateNames() {
        return store.duplicateNames();
    }

    /** The item a Bookings service is mapped to. */
    @GetMapping("/by-bookings-service")
    public ItemRecord byBookingsService(@RequestParam String businessId, @RequestParam String serviceId) {
        String reference = businessId + "/" + serviceId;
        return store.mapping(reference).flatMap(store::item).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "Bookings service " + reference + " is not mapped to an item"));
    }

    @GetMapping("/{itemNo}")
    public ItemRecord item(@PathVariable String itemNo) {
        return store.item(itemNo).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no item " + itemNo));
    }
}
