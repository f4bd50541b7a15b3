package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The latest ItemRegistered, ItemUpdated or ItemRejected for one Bookings service ({@code _id} = Keys.service).
 * {@code unitPrice} is the item's current unit price: it prices only bookings whose appointment carried no price of
 * its own (see {@link BookingRows#classify}); {@code posting} its unit of measure and posting groups, which invoice
 * lines carry.
 */
@Document(ItemRegistration.COLLECTION)
public record ItemRegistration(@Id String id, String businessId, String serviceId, boolean registered,
        String itemNo, String reason, String eventId, Instant occurredAt, BigDecimal unitPrice, ItemPosting posting) {

    public static final String COLLECTION = "item_registrations";
}
