package dev.bookingsinvoicing.invoicing.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.bookingsinvoicing.service.security.ServiceUsersProperties;

/**
 * Gives a controller method that declares a {@link BusinessAccess} parameter the access of the signed-in user, from
 * {@code bookings.security.users[].businesses} (empty: every business).
 */
public class BusinessAccessResolver implements HandlerMethodArgumentResolver {

    private final Map<String, List<String>> businessesByUser = new HashMap<>();

    public BusinessAccessResolver(ServiceUsersProperties properties) {
        properties.users().forEach(u -> businessesByUser.put(u.name(), List.copyOf(u.businesses())));
    }

    /** The access of a user; an unknown user sees nothing rather than everything. */
    public BusinessAccess of(String user) {
        List<String> businesses = businessesByUser.get(user);
        if (businesses == null) {
            return BusinessAccess.only(user, List.of());
        }
        return businesses.isEmpty() ? BusinessAccess.everyBusiness(user) : BusinessAccess.only(user, businesses);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return BusinessAccess.class.equals(parameter.getParameterType());
    }

    @Override
    public BusinessAccess resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated()) {
            // the security chains require a signed-in user before any controller that asks for access runs
            throw new AuthenticationCredentialsNotFoundException("no signed-in user");
        }
        return of(user.getName());
    }
}
