package dev.bookingsinvoicing.service.security;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code bookings.security}: the users of a service's HTTP API. A password is stored with its encoding
 * prefix, e.g. {@code {noop}plain} (development) or {@code {bcrypt}$2a$...}. What a service accepts beyond that (which
 * roles, whether users are required) is checked by {@link ServiceUsers}, because the services' roles differ.
 *
 * <p>Not registered by itself: a service opts in with {@code @EnableConfigurationProperties(ServiceUsersProperties.class)}.
 *
 * @param users who may call the service's protected endpoints
 */
@Validated
@ConfigurationProperties("bookings.security")
public record ServiceUsersProperties(@DefaultValue List<@Valid User> users) {

    /**
     * One user.
     *
     * @param name       the user name
     * @param password   with its encoding prefix, e.g. {@code {bcrypt}$2a$10$...} (or {@code {noop}dev} for development)
     * @param roles      role names of the service, without the {@code ROLE_} prefix
     * @param businesses the Bookings businesses (mailbox addresses) whose data the user may see and act on; empty
     *                   (the default) means every business. Only invoicing-service, which serves several
     *                   businesses' bookings and invoices to people, applies it.
     */
    public record User(@NotBlank(message = "bookings.security.users[].name is required") String name,
            @NotBlank String password, @DefaultValue List<String> roles, @DefaultValue List<String> businesses) {

        @Override
        public String toString() {
            return "User[name=" + name + ", password=****, roles=" + roles + ", businesses=" + businesses + "]";
        }
    }
}
