package dev.bookingsinvoicing.invoicing.view;

/**
 * An item's base unit of measure and posting groups as its template gave them (ItemRegistered / ItemUpdated): what an
 * ERP needs on an invoice line to post it. All null for items registered before the events carried them.
 */
public record ItemPosting(String baseUnitOfMeasure, String genProdPostingGroup, String vatProdPostingGroup) {

    public static final ItemPosting UNKNOWN = new ItemPosting(null, null, null);
}
