package dev.bookingsinvoicing.sync.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;

import dev.bookingsinvoicing.service.security.ServiceUsers;
import dev.bookingsinvoicing.service.security.ServiceUsersProperties;
import dev.bookingsinvoicing.service.web.ProblemDetailApiDocs;

/**
 * HTTP Basic for what changes things: {@code PUT /api/sync/setup/**}, {@code POST /api/sync/run} and the actuator
 * endpoints other than health and info (metrics, prometheus, configprops) need role SYNC_ADMIN; reads
 * ({@code GET /api/sync/**}, health, info) stay open like every other read API of the system; the API's OpenAPI
 * document and Swagger UI need a user. Stateless, no CSRF (no browser session, no cookies). A refusal is
 * answered by {@code ApiProblems}, as a problem detail like every other 4xx of the API.
 *
 * <p>Spring Security is used without Spring Boot's security auto-configuration module on purpose: the local stack
 * runs every service on one classpath, and that module would lock every other service's API behind a generated
 * password. This configuration applies to this service's context only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ServiceUsersProperties.class)
public class SecurityConfiguration {

    static final String ADMIN = "SYNC_ADMIN";

    @Bean
    SecurityFilterChain syncSecurity(HttpSecurity http,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) throws Exception {
        // missing or wrong credentials, and a user without the role, are answered by ApiProblems
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> problems.resolveException(request,
                response, null, e);
        AccessDeniedHandler forbidden = (request, response, e) -> problems.resolveException(request, response, null, e);
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/sync/**").permitAll()
                .requestMatchers("/api/sync/**").hasRole(ADMIN)
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/actuator/**").hasRole(ADMIN)
                .requestMatchers(ProblemDetailApiDocs.PATHS).authenticated()
                .requestMatchers("/error").permitAll()
                .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    UserDetailsService syncUsers(ServiceUsersProperties properties) {
        // passwords are kept as configured ({bcrypt}..., {noop}...); Spring Security's delegating encoder checks them.
        // Users are optional here (without one every write is refused), and a user without roles is a SYNC_ADMIN.
        return ServiceUsers.optionalWithDefaultRole(ADMIN).userDetailsService(properties);
    }

    /** Masks anything that looks like a secret in /actuator/configprops and /actuator/env, whoever asks. */
    @Bean
    SanitizingFunction maskSecrets() {
        // sasl.jaas.config carries the Kafka password but does not look like a secret by its name
        return SanitizingFunction.sanitizeValue().ifLikelySensitive().ifKeyEndsWith("jaas.config");
    }
}
