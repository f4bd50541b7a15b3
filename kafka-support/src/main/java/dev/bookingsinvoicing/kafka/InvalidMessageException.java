package dev.bookingsinvoicing.kafka;

/**
 * A record that decoded but makes no sense (a missing id, an impossible value). Retrying cannot help, so the
 * shared error handler dead-letters it at once, with this message as the reason.
 */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }
}
