package dev.bookingsinvoicing.sync.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * The users of the sync's write API ({@code bookings.security.users}), checked with HTTP Basic.
 *
 * @param users who may call the protected endpoints
 */
@Validated
@ConfigurationProperties("bookings.security")
public record SecurityProperties(@Valid @DefaultValue List<User> users) {

    /**
     * One user.
     *
     * @param name     the user name
     * @param password with its encoding prefix, e.g. {@code {bcrypt}$2a$10$...} (or {@code {noop}dev} for development)
     * @param roles    SYNC_ADMIN may change setups and trigger runs and read actuator details
     */
    public record User(@NotBlank String name, @NotBlank String password,
            @NotEmpty @DefaultValue("SYNC_ADMIN") List<String> roles) {

        public User {
            if (password != null && !password.startsWith("{")) {
                throw new IllegalArgumentException("bookings.security.users password of '" + name
                        + "' must name its encoding, e.g. {bcrypt}$2a$10$... or {noop}secret");
            }
        }

        @Override
        public String toString() {
            return "User[name=" + name + ", password=****, roles=" + roles + "]";
        }
    }
}
