package dev.bookingsinvoicing.invoicing.api;

/** A query parameter the dashboard API cannot use; answered with 400 and the message. */
class BadQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadQueryException(String message) {
        super(message);
    }
}
