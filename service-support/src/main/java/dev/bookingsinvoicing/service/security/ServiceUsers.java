package dev.bookingsinvoicing.service.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Turns {@link ServiceUsersProperties} into the in-memory users of one service, checked against that service's rules.
 * Each service keeps its own {@code SecurityFilterChain} (their rules differ) and declares the beans it needs from
 * here; nothing is configured by itself, since the local stack runs every service on one classpath.
 */
public final class ServiceUsers {

    private final List<String> roles;
    private final List<String> defaultRoles;

    private ServiceUsers(List<String> roles, List<String> defaultRoles) {
        this.roles = roles;
        this.defaultRoles = defaultRoles;
    }

    /**
     * The rules of a service with named roles: at least one user, passwords {@code {noop}} or {@code {bcrypt}}, and
     * every user has one or more of {@code roles} (written in any case, as Spring binds an enum).
     */
    public static ServiceUsers withRoles(String... roles) {
        return new ServiceUsers(List.of(roles), List.of());
    }

    /**
     * The rules of a service whose users are optional (without one every protected endpoint is refused): any
     * encoding prefix the delegating encoder knows, roles as written, {@code defaultRole} for a user without roles.
     */
    public static ServiceUsers optionalWithDefaultRole(String defaultRole) {
        return new ServiceUsers(List.of(), List.of(defaultRole));
    }

    /** Spring Security's delegating encoder: checks {@code {bcrypt}...}, {@code {noop}...} and the other prefixes. */
    public static PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The configured users, or a failure naming the setting to fix (which stops the service at start-up). */
    public InMemoryUserDetailsManager userDetailsManager(ServiceUsersProperties properties) {
        if (namedRoles() && properties.users().isEmpty()) {
            throw new IllegalStateException("bookings.security.users needs at least one user");
        }
        return new InMemoryUserDetailsManager(properties.users().stream()
                .map(u -> User.withUsername(u.name()).password(checkedPassword(u)).roles(checkedRoles(u)).build())
                .toList());
    }

    /**
     * The configured users for a service's authentication, deliberately not a {@code UserDetailsPasswordService}:
     * Spring Security would otherwise re-hash a {@code {noop}} password with bcrypt after its first use, so that every
     * later HTTP Basic request paid a bcrypt check (~100 ms of CPU; it was 95 % of the dashboard API's CPU in the
     * benchmark). A {@code {bcrypt}} password still costs that check on every request (README, configuration).
     */
    public UserDetailsService userDetailsService(ServiceUsersProperties properties) {
        InMemoryUserDetailsManager users = userDetailsManager(properties);
        return users::loadUserByUsername;
    }

    private boolean namedRoles() {
        return !roles.isEmpty();
    }

    private String checkedPassword(ServiceUsersProperties.User user) {
        String password = user.password();
        if (namedRoles() && !password.matches("\\{(noop|bcrypt)\\}.+")) {
            throw new IllegalStateException("bookings.security.users[].password must start with {noop} or {bcrypt}");
        }
        if (!namedRoles() && !password.startsWith("{")) {
            throw new IllegalStateException("bookings.security.users password of '" + user.name()
                    + "' must name its encoding, e.g. {bcrypt}$2a$10$... or {noop}secret");
        }
        return password;
    }

    private String[] checkedRoles(ServiceUsersProperties.User user) {
        if (!namedRoles()) {
            return (user.roles().isEmpty() ? defaultRoles : user.roles()).toArray(String[]::new);
        }
        List<String> checked = new ArrayList<>();
        for (String role : user.roles()) {
            checked.add(known(role).orElseThrow(this::rolesNeeded));
        }
        if (checked.isEmpty()) {
            throw rolesNeeded();
        }
        return checked.toArray(String[]::new);
    }

    /** Matches a role the way Spring's lenient enum binding did before roles were strings: case and dashes ignored. */
    private Optional<String> known(String role) {
        String canonical = canonical(role);
        return roles.stream().filter(r -> canonical(r).equals(canonical)).findFirst();
    }

    private IllegalStateException rolesNeeded() {
        return new IllegalStateException("bookings.security.users[].roles needs " + String.join(" and/or ", roles));
    }

    private static String canonical(String name) {
        return name == null ? "" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
