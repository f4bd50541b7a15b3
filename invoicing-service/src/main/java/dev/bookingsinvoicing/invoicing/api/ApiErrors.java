package dev.bookingsinvoicing.invoicing.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import dev.bookingsinvoicing.invoicing.security.BusinessNotAllowedException;

/**
 * Bad query parameters of the dashboard API as 400 problem details (RFC 9457) that say which parameter and what it
 * accepts, and a business the user may not see as 403. Answered here, not by a forward to /error, so the message
 * reaches the client as written.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    @ExceptionHandler(BadQueryException.class)
    ProblemDetail badQuery(BadQueryException e) {
        return problem(e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(e.getName() + " must be " + (e.getRequiredType() == int.class ? "a whole number" : "valid")
                + ", not '" + e.getValue() + "'");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problem(e.getParameterName() + " is required");
    }

    @ExceptionHandler(BusinessNotAllowedException.class)
    ProblemDetail notAllowed(BusinessNotAllowedException e) {
        return problem(HttpStatus.FORBIDDEN, "Business not allowed", e.getMessage());
    }

    private static ProblemDetail problem(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Bad query parameter", detail);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
