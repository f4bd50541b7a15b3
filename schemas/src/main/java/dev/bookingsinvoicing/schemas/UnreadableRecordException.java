package dev.bookingsinvoicing.schemas;

import org.apache.kafka.common.errors.SerializationException;

/** A record whose bytes cannot be turned into a project record: never worth a retry, always dead-lettered. */
public class UnreadableRecordException extends SerializationException {

    public UnreadableRecordException(String message) {
        super(message);
    }

    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
