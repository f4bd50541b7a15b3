package dev.bookingsinvoicing.invoicing.view;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The booking ids the view has written for one Bookings customer ({@code _id} = Keys.customer): a registration
 * finds the rows it changes by {@code _id} instead of scanning the view by customer (the embedded server has no
 * secondary index, and a scan per registration made the view O(customers x rows)). Only ever grows: an id whose
 * row has gone (invoiced, cancelled) simply finds nothing.
 */
@Document(CustomerBookings.COLLECTION)
public record CustomerBookings(@Id String id, List<String> bookingIds) {

    public static final String COLLECTION = "customer_bookings";
}
