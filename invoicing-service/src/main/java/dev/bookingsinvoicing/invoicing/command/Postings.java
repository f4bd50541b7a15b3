package dev.bookingsinvoicing.invoicing.command;

import java.util.Map;

import dev.bookingsinvoicing.invoicing.view.CustomerPosting;
import dev.bookingsinvoicing.invoicing.view.ItemPosting;
import dev.bookingsinvoicing.schemas.Keys;

/**
 * The customers' posting groups (by customer no.) and the items' units and posting groups (by Bookings service key)
 * that one command's invoices carry, read once before planning. What is not known is {@code UNKNOWN} (all null).
 */
public record Postings(Map<String, CustomerPosting> customers, Map<String, ItemPosting> items) {

    public static final Postings NONE = new Postings(Map.of(), Map.of());

    CustomerPosting customer(String customerNo) {
        CustomerPosting posting = customers.get(customerNo);
        return posting == null ? CustomerPosting.UNKNOWN : posting;
    }

    ItemPosting item(String businessId, String serviceId) {
        ItemPosting posting = serviceId == null ? null : items.get(Keys.service(businessId, serviceId));
        return posting == null ? ItemPosting.UNKNOWN : posting;
    }
}
