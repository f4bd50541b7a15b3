package dev.bookingsinvoicing.service.registration;

/** No number of the series is left: a registration that needs one fails with what to change, until it is widened. */
public class NumberSeriesExhaustedException extends IllegalStateException {

    public NumberSeriesExhaustedException(String message) {
        super(message);
    }
}
