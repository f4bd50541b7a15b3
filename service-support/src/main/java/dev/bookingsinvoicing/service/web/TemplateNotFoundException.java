package dev.bookingsinvoicing.service.web;

/** No template with that code: answered 404. */
public class TemplateNotFoundException extends RuntimeException {

    public TemplateNotFoundException(String message) {
        super(message);
    }
}
