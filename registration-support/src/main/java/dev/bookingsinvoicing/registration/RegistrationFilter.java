package dev.bookingsinvoicing.registration;

import java.util.Optional;

/** A service's filter: the first rule a Bookings record fails as a record from {@code template}, if any. */
@FunctionalInterface
public interface RegistrationFilter<S extends BookingsRecord, T extends Template> {

    Optional<Rejection> check(S source, T template);
}
