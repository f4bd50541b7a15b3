package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The latest CustomerRegistered or CustomerRejected for one Bookings customer ({@code _id} =
 * Keys.customer), kept so that an appointment arriving later can be matched without waiting.
 */
@Document(CustomerRegistration.COLLECTION)
public record CustomerRegistration(@Id String id, String businessId, String bookingsCustomerId, boolean registered,
        String customerNo, String name, String reason, String eventId, Instant occurredAt, CustomerPosting posting) {

    public static final String COLLECTION = "customer_registrations";
}
