package dev.bookingsinvoicing.invoicing.security;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code bookings.security}: the users of the operator page and of the REST API. A password is
 * stored as {@code {noop}plain} (development) or {@code {bcrypt}$2a$...}; OPERATOR reads and acts, VIEWER only reads.
 */
@Validated
@ConfigurationProperties("bookings.security")
public record OperatorUsersProperties(
        @NotEmpty(message = "bookings.security.users needs at least one user") List<@Valid User> users) {

    /** The two roles: OPERATOR sends commands from the page, VIEWER sees the page and reads the API. */
    public enum Role {
        OPERATOR, VIEWER
    }

    /** One user. */
    public record User(@NotBlank(message = "bookings.security.users[].name is required") String name,
            @NotBlank @Pattern(regexp = "\\{(noop|bcrypt)\\}.+",
                    message = "bookings.security.users[].password must start with {noop} or {bcrypt}") String password,
            @NotEmpty(message = "bookings.security.users[].roles needs OPERATOR and/or VIEWER") List<Role> roles) {

        @Override
        public String toString() {
            return "User[name=" + name + ", roles=" + roles + "]";
        }
    }
}
