package dev.bookingsinvoicing.invoicing.view;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer no. this service has seen in a CustomerRegistered or CustomerUpdated ({@code _id} = customerNo):
 * AssociateCustomer only links to customers that exist, and invoices carry its posting groups.
 */
@Document(KnownCustomer.COLLECTION)
public record KnownCustomer(@Id String id, String name, Instant occurredAt, CustomerPosting posting) {

    public static final String COLLECTION = "known_customers";
}
