package dev.bookingsinvoicing.invoicing.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A request names a business whose data its user may not see: 403 (a problem detail on the API). */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class BusinessNotAllowedException extends RuntimeException {

    public BusinessNotAllowedException(String user, String businessId) {
        super("User " + user + " may not see or act on business " + businessId);
    }
}
