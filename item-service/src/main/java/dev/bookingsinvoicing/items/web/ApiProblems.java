package dev.bookingsinvoicing.items.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import dev.bookingsinvoicing.items.registration.ItemTemplate;
import dev.bookingsinvoicing.service.web.TemplateApiProblems;

/** Every API error as an RFC 9457 problem detail whose {@code detail} says what to fix. */
@RestControllerAdvice
public class ApiProblems extends TemplateApiProblems {

    /**
     * A body that cannot become a template, above all an item template of another type than Service (refused by
     * the template itself while it is read): say why, not just that the body was unreadable.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ItemTemplate.InvalidItemTemplateException invalid) {
                return ResponseEntity.badRequest()
                        .body(problem(HttpStatus.BAD_REQUEST, "Invalid item template", invalid.getMessage()));
            }
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "the request body is not a valid JSON template: " + e.getMostSpecificCause().getMessage()));
    }
}
