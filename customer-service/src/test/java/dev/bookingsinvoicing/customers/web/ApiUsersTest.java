package dev.bookingsinvoicing.customers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class ApiUsersTest {

    @EnableConfigurationProperties(ApiUsersProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void aBcryptPasswordFromTheConfigurationLogsInWithItsRoles() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret");
        ApiSecurityConfiguration configuration = new ApiSecurityConfiguration();
        PasswordEncoder encoder = configuration.passwordEncoder();
        UserDetails ops = configuration.apiUsers(new ApiUsersProperties(List.of(new ApiUsersProperties.User("ops", hash,
                List.of(ApiUsersProperties.Role.ADMIN, ApiUsersProperties.Role.READER))))).loadUserByUsername("ops");

        assertThat(encoder.matches("s3cret", ops.getPassword())).isTrue();
        assertThat(encoder.matches("admin", ops.getPassword())).isFalse();
        assertThat(ops.getAuthorities()).extracting(Object::toString).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_READER");
    }

    @Test
    void aPasswordWithoutEncodingPrefixOrAnUnknownRoleIsRefusedAtStartUp() {
        runner.withPropertyValues("bookings.security.users[0].name=ops", "bookings.security.users[0].password=plain",
                "bookings.security.users[0].roles=ADMIN").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("password must start with {noop} or {bcrypt}");
                });
        runner.withPropertyValues("bookings.security.users[0].name=ops", "bookings.security.users[0].password={noop}x",
                "bookings.security.users[0].roles=OWNER").run(context -> assertThat(context).hasFailed());
        runner.run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("bookings.security.users needs at least one user"));
    }
}
