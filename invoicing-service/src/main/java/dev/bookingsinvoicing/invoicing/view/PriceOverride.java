package dev.bookingsinvoicing.invoicing.view;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A price given by SetBookingPrice to a booking that needs one ({@code _id} = booking id). It applies only while
 * the appointment's own price type gives no price: if Bookings later sends a revision with a real price, that wins.
 */
@Document(PriceOverride.COLLECTION)
public record PriceOverride(@Id String id, BigDecimal quantity, BigDecimal unitPrice, String commandId,
        String issuedBy, Instant setAt) {

    public static final String COLLECTION = "price_overrides";
}
