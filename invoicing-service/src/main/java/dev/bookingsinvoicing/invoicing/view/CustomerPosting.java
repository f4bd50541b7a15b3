package dev.bookingsinvoicing.invoicing.view;

/**
 * A customer's posting groups as its template gave them (CustomerRegistered / CustomerUpdated): what an ERP needs on
 * an invoice's header to post it. All null for customers registered before the events carried them.
 */
public record CustomerPosting(String customerPostingGroup, String genBusPostingGroup, String vatBusPostingGroup) {

    public static final CustomerPosting UNKNOWN = new CustomerPosting(null, null, null);
}
