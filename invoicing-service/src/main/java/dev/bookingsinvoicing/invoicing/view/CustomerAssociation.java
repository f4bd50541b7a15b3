package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An operator's AssociateCustomer: this Bookings customer ({@code _id} = Keys.customer) is billed to
 * {@code customerNo}. It stands in for a missing or rejected registration; a later CustomerRegistered from
 * customer-service (which then knows the customer itself) takes precedence.
 */
@Document(CustomerAssociation.COLLECTION)
public record CustomerAssociation(@Id String id, String businessId, String bookingsCustomerId, String customerNo,
        String customerName, String commandId, String issuedBy, Instant associatedAt) {

    public static final String COLLECTION = "customer_associations";
}
