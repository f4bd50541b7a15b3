package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The latest ItemRegistered or ItemRejected for one Bookings service ({@code _id} = Keys.service). */
@Document(ItemRegistration.COLLECTION)
public record ItemRegistration(@Id String id, String businessId, String serviceId, boolean registered,
        String itemNo, String reason, String eventId, Instant occurredAt) {

    public static final String COLLECTION = "item_registrations";
}
