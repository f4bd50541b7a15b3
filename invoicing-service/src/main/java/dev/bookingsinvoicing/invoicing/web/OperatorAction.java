package dev.bookingsinvoicing.invoicing.web;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What an operator did on the page ({@code _id} = action id): the commands it sent, so the result page can follow
 * them until every result has arrived. {@code expectedBookings} is what progress is measured against.
 */
@Document(OperatorAction.COLLECTION)
public record OperatorAction(@Id String id, String title, String issuedBy, Instant issuedAt,
        List<String> commandIds, long expectedBookings, String returnTo) {

    public static final String COLLECTION = "operator_actions";
}
