package dev.bookingsinvoicing.service.security;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * HTTP Basic for a service's REST API with the users from {@code bookings.security.users}: READER (or ADMIN) reads,
 * only ADMIN changes anything; health and info stay open for probes; every other path (the other actuator endpoints,
 * e.g. /actuator/prometheus, and the OpenAPI document with Swagger UI) needs a user of either role. A service opts in with
 * {@code @Import(ReaderAdminApiSecurity.class)} (customer-service and item-service do).
 *
 * <p>Spring Security is used without Spring Boot's security auto-configuration module on purpose: the local stack
 * runs every service on one classpath, and that module would lock every other service's API behind a generated
 * password. This configuration applies only to the contexts that import it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ServiceUsersProperties.class)
public class ReaderAdminApiSecurity {

    /** The two roles of the API: ADMIN changes (templates), READER reads. */
    public static final String ADMIN = "ADMIN";
    public static final String READER = "READER";

    /**
     * @param problems Spring MVC's resolver: missing credentials and a missing role are answered by the service's
     *                 problem-detail advice ({@code TemplateApiProblems}), like every other 4xx of its API
     */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> problems.resolveException(request,
                response, null, e);
        AccessDeniedHandler forbidden = (request, response, e) -> problems.resolveException(request, response, null, e);
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READER, ADMIN)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                // a stateless API called with Basic credentials: no session, hence no CSRF token to protect
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return ServiceUsers.passwordEncoder();
    }

    @Bean
    UserDetailsService apiUsers(ServiceUsersProperties properties) {
        return ServiceUsers.withRoles(ADMIN, READER).userDetailsService(properties);
    }
}
