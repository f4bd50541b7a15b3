package dev.bookingsinvoicing.invoicing.security;

import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
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
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.bookingsinvoicing.service.security.ServiceUsers;
import dev.bookingsinvoicing.service.security.ServiceUsersProperties;

/**
 * Who may do what: the JSON API ({@code /api/**}) and the actuator endpoints with HTTP Basic for VIEWER or OPERATOR
 * (health and info stay open for probes; {@code /actuator/prometheus} is for a scraper with a user's credentials);
 * the operator page with form login (session, CSRF-protected POSTs), where every action needs OPERATOR; the OpenAPI
 * document and Swagger UI with the page's login or HTTP Basic credentials, for either role. What
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
                .securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**").hasAnyRole(VIEWER, OPERATOR)
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
                // a script reads the OpenAPI document with Basic credentials; a browser still gets the form
                .httpBasic(Customizer.withDefaults())
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
