package dev.bookingsinvoicing.invoicing.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import dev.bookingsinvoicing.service.security.ServiceUsers;
import dev.bookingsinvoicing.service.security.ServiceUsersProperties;

/**
 * Who may do what: the JSON API ({@code /api/**}) with HTTP Basic for VIEWER or OPERATOR; the operator page with
 * form login (session, CSRF-protected POSTs), where every action needs OPERATOR; health stays open for probes.
 *
 * <p>Spring Security is used without Spring Boot's security auto-configuration module on purpose (as in
 * customer-service): the local stack runs every service on one classpath, and that module would lock every other
 * service's API behind a generated password. This configuration applies to this service's context only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ServiceUsersProperties.class)
public class InvoicingSecurityConfiguration {

    /** The two roles: OPERATOR sends commands from the page, VIEWER sees the page and reads the API. */
    static final String OPERATOR = "OPERATOR";
    static final String VIEWER = "VIEWER";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(Customizer.withDefaults())
                // a stateless API called with Basic credentials: no session, hence no CSRF token to protect
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/error",
                                "/login", "/operator/**", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.GET, "/**").hasAnyRole(VIEWER, OPERATOR)
                        // every other method is an action of the page: sending a command
                        .anyRequest().hasRole(OPERATOR))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/bookings", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return ServiceUsers.passwordEncoder();
    }

    @Bean
    UserDetailsService operatorUsers(ServiceUsersProperties properties) {
        return ServiceUsers.withRoles(OPERATOR, VIEWER).userDetailsService(properties);
    }
}
