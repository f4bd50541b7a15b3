package dev.bookingsinvoicing.service.web;

/** The template cannot be created or deleted in its current state (exists, default, in use): answered 409. */
public class TemplateConflictException extends RuntimeException {

    public TemplateConflictException(String message) {
        super(message);
    }
}
