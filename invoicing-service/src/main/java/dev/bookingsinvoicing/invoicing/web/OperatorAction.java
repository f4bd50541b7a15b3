package dev.bookingsinvoicing.invoicing.web;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What an operator did on the page ({@code _id} = action id): the commands it sent, so the result page can follow
 * them until every result has arrived. {@code expectedBookings} is what progress is measured against. An invoicing
 * action sent as a preview keeps in {@code confirm} the form that sends it for real (null for any other action).
 */
@Document(OperatorAction.COLLECTION)
public record OperatorAction(@Id String id, String title, String issuedBy, Instant issuedAt,
        List<String> commandIds, long expectedBookings, String returnTo, Confirmation confirm) {

    public static final String COLLECTION = "operator_actions";

    /**
     * The page's form of a previewed invoicing action, as it was posted: the action, the bookings picked on the page
     * (or all matching the filter) and the filter (a query string), sent again with {@code confirmed} to invoice.
     */
    public record Confirmation(String action, List<String> bookingIds, boolean allMatching, String query) {
    }
}
