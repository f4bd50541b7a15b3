package dev.bookingsinvoicing.invoicing.api;

/** Checks page and size parameters the same way for every listing. */
final class Paging {

    static final int MAX_SIZE = 1000;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new BadQueryException("page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
    }
}
