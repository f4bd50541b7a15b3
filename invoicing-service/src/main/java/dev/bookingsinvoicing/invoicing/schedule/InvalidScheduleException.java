package dev.bookingsinvoicing.invoicing.schedule;

/** A billing schedule that cannot be run as given: the message says what is wrong and what is accepted. */
public class InvalidScheduleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidScheduleException(String message) {
        super(message);
    }

    InvalidScheduleException(String message, Throwable cause) {
        super(message, cause);
    }
}
