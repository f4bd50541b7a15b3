package dev.bookingsinvoicing.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class ServiceUsersTest {

    /** What customer-service and item-service declare. */
    @EnableConfigurationProperties(ServiceUsersProperties.class)
    static class ApiUsers {
        @Bean
        InMemoryUserDetailsManager apiUsers(ServiceUsersProperties properties) {
            return ServiceUsers.withRoles("ADMIN", "READER").userDetailsManager(properties);
        }
    }

    /** What booking-sync-service declares. */
    @EnableConfigurationProperties(ServiceUsersProperties.class)
    static class SyncUsers {
        @Bean
        InMemoryUserDetailsManager syncUsers(ServiceUsersProperties properties) {
            return ServiceUsers.optionalWithDefaultRole("SYNC_ADMIN").userDetailsManager(properties);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ApiUsers.class);

    @Test
    void aBcryptPasswordFromTheConfigurationLogsInWithItsRoles() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("s3cret");
        PasswordEncoder encoder = ServiceUsers.passwordEncoder();
        UserDetails ops = ServiceUsers.withRoles("ADMIN", "READER")
                .userDetailsManager(new ServiceUsersProperties(List.of(new ServiceUsersProperties.User("ops", hash,
                        List.of("ADMIN", "READER"), List.of()))))
                .loadUserByUsername("ops");

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
                "bookings.security.users[0].roles=OWNER").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("bookings.security.users[].roles needs ADMIN and/or READER");
                });
        runner.run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("bookings.security.users needs at least one user"));
    }

    @Test
    void rolesAreMatchedLikeTheEnumsTheyReplaceAndABlankNameIsRefused() {
        runner.withPropertyValues("bookings.security.users[0].name=ops", "bookings.security.users[0].password={noop}x",
                "bookings.security.users[0].roles=reader").run(context -> assertThat(context
                        .getBean(InMemoryUserDetailsManager.class).loadUserByUsername("ops").getAuthorities())
                        .extracting(Object::toString).containsExactly("ROLE_READER"));
        runner.withPropertyValues("bookings.security.users[0].name= ", "bookings.security.users[0].password={noop}x",
                "bookings.security.users[0].roles=ADMIN").run(context -> assertThat(context.getStartupFailure())
                        .rootCause().hasMessageContaining("bookings.security.users[].name is required"));
    }

    @Test
    void optionalUsersTakeAnyEncodingAndTheDefaultRoleButStillNeedAnEncodingPrefix() {
        ApplicationContextRunner sync = new ApplicationContextRunner().withUserConfiguration(SyncUsers.class);
        sync.run(context -> assertThat(context).hasNotFailed());
        sync.withPropertyValues("bookings.security.users[0].name=admin",
                "bookings.security.users[0].password={pbkdf2}abc").run(context -> assertThat(context
                        .getBean(InMemoryUserDetailsManager.class).loadUserByUsername("admin").getAuthorities())
                        .extracting(Object::toString).containsExactly("ROLE_SYNC_ADMIN"));
        sync.withPropertyValues("bookings.security.users[0].name=admin", "bookings.security.users[0].password=admin")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("password of 'admin' must name its encoding"));
    }
}
