package dev.bookingsinvoicing.items.catalog;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.bookingsinvoicing.items.catalog.ItemCatalogController.ItemPage;
import dev.bookingsinvoicing.items.registration.DuplicateName;
import dev.bookingsinvoicing.items.registration.ItemRecord;
import dev.bookingsinvoicing.items.registration.ItemStore;
import dev.bookingsinvoicing.registration.DirectoryController;

/** Read-only item list for dashboards, and the services that share a display name. */
@RestController
@RequestMapping("/api/items")
public class ItemCatalogController extends DirectoryController<ItemRecord, ItemPage> {

    private final ItemStore store;

    public ItemCatalogController(ItemStore store) {
        super(store, ItemStore.NOUNS, ItemPage::new);
        this.store = store;
    }

    /** One page of items in number order. */
    public record ItemPage(List<ItemRecord> items, int page, int size, long totalElements) {
    }

    @GetMapping("/duplicate-names")
    public List<DuplicateName> duplicateNames() {
        return store.duplicateNames();
    }

    /** The item a Bookings service is mapped to. */
    @GetMapping("/by-bookings-service")
    public ItemRecord byBookingsService(@RequestParam String businessId, @RequestParam String serviceId) {
        String reference = businessId + "/" + serviceId;
        return store.mapping(reference).flatMap(store::find).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "Bookings service " + reference + " is not mapped to an item"));
    }
}
