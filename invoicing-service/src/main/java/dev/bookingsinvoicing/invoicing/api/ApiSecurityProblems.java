package dev.bookingsinvoicing.invoicing.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Missing credentials and a missing role on the dashboard API, its OpenAPI document and the actuator endpoints,
 * handed over by the API's security chain, as problem details. Not limited to the api package like
 * {@link ApiErrors}: the chain hands them over before any controller is chosen, and only that chain raises them (the
 * operator page redirects to its login form instead).
 */
@RestControllerAdvice
class ApiSecurityProblems {

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Realm\"")
                .body(ApiErrors.problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "this needs the credentials (HTTP Basic) of a user with role VIEWER or OPERATOR"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return ApiErrors.problem(HttpStatus.FORBIDDEN, "Forbidden", "this needs a user with role OPERATOR");
    }
}
