package dev.bookingsinvoicing.service.web;

import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a template API as an RFC 9457 problem detail whose {@code detail} says what to fix, refusals of
 * {@link dev.bookingsinvoicing.service.security.ReaderAdminApiSecurity} included. Not an advice by
 * itself: a service opts in with a {@code @RestControllerAdvice} subclass in its own packages.
 */
public abstract class TemplateApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(TemplateNotFoundException.class)
    protected ProblemDetail notFound(TemplateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Template not found", e.getMessage());
    }

    @ExceptionHandler(TemplateConflictException.class)
    protected ProblemDetail conflict(TemplateConflictException e) {
        return problem(HttpStatus.CONFLICT, "Template conflict", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    protected ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    /** Missing or wrong credentials, handed over by ReaderAdminApiSecurity's entry point. */
    @ExceptionHandler(AuthenticationException.class)
    protected ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Realm\"")
                .body(problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "this needs the credentials (HTTP Basic) of a user with role READER or ADMIN"));
    }

    /** A READER trying to change something, handed over by ReaderAdminApiSecurity. */
    @ExceptionHandler(AccessDeniedException.class)
    protected ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "changes need a user with role ADMIN");
    }

    /** Bean validation of a request body: name every field that failed and why. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid template", detail));
    }

    protected static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
