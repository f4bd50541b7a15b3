package dev.bookingsinvoicing.invoicing.security;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.bookingsinvoicing.service.security.ServiceUsers;
import dev.bookingsinvoicing.service.security.ServiceUsersProperties;
import dev.bookingsinvoicing.service.web.ProblemDetailApiDocs;

/**
 * Who may do what: the JSON API ({@code /api/**}), its OpenAPI document and Swagger UI, and the actuator endpoints
 * with HTTP Basic for VIEWER or OPERATOR (health and info stay open for probes; {@code /actuator/prometheus} is for a
 * scraper with a user's credentials); the operator page with form login (session, CSRF-protected POSTs), where every
 * action needs OPERATOR. What
 * a user sees and acts on is further narrowed to the user's businesses ({@link BusinessAccess}).
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

    /** What HTTP Basic guards: the API, its OpenAPI document and Swagger UI, the actuator endpoints. */
    private static final String[] API_PATHS = Stream.concat(Stream.of("/api/**", "/actuator/**"),
            Arrays.stream(ProblemDetailApiDocs.PATHS)).toArray(String[]::new);

    /**
     * @param problems Spring MVC's resolver: missing credentials and a missing role are answered as problem details
     *                 ({@code ApiSecurityProblems}), like every other 4xx of the API
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> problems.resolveException(request,
                response, null, e);
        AccessDeniedHandler forbidden = (request, response, e) -> problems.resolveException(request, response, null, e);
        return http
                .securityMatcher(API_PATHS)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, API_PATHS).hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
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
                        .requestMatchers("/error", "/login", "/operator/**", "/favicon.ico").permitAll()
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

    @Bean
    BusinessAccessResolver businessAccessResolver(ServiceUsersProperties properties) {
        return new BusinessAccessResolver(properties);
    }

    /** Lets controllers take the signed-in user's {@link BusinessAccess} as a parameter. */
    @Bean
    WebMvcConfigurer businessAccessArguments(BusinessAccessResolver resolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }
}
