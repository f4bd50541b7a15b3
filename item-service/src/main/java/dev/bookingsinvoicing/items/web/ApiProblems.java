package dev.bookingsinvoicing.items.web;

import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.bookingsinvoicing.items.registration.ItemTemplate;
import dev.bookingsinvoicing.items.templates.TemplateConflictException;
import dev.bookingsinvoicing.items.templates.TemplateNotFoundException;

/** Every API error as an RFC 9457 problem detail whose {@code detail} says what to fix. */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(TemplateNotFoundException.class)
    ProblemDetail notFound(TemplateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Template not found", e.getMessage());
    }

    @ExceptionHandler(TemplateConflictException.class)
    ProblemDetail conflict(TemplateConflictException e) {
        return problem(HttpStatus.CONFLICT, "Template conflict", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

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

    /** Bean validation of a request body: name every field that failed and why. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid template", detail));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
