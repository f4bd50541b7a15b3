package dev.bookingsinvoicing.invoicing.web;

import java.util.List;

/**
 * How the page's lists (bookings not invoiced, draft invoices, command history) are paged: the page sizes offered,
 * a page number and size as they may arrive in a query string made safe, and the number of pages. The pager under
 * each list is {@code operator/layout :: pager}.
 */
final class Paging {

    static final List<Integer> SIZES = List.of(25, 50, 100, 200);
    static final int DEFAULT_SIZE = 50;

    private Paging() {
    }

    /** The page asked for, the first one when none or a negative one is. */
    static int page(Integer page) {
        return page == null ? 0 : Math.max(0, page);
    }

    /** The size asked for if it is one of {@link #SIZES}, else the default. */
    static int size(Integer size) {
        return size != null && SIZES.contains(size) ? size : DEFAULT_SIZE;
    }

    static int pages(long total, int size) {
        return (int) ((total + size - 1) / size);
    }
}
