package dev.bookingsinvoicing.invoicing.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page needs to know about the user: the name to show and whether action controls are drawn at all
 * (VIEWER sees none; the security configuration refuses the POSTs anyway).
 */
@ControllerAdvice(basePackageClasses = OperatorPageModel.class)
public class OperatorPageModel {

    @ModelAttribute("userName")
    public String userName(Authentication user) {
        return user == null ? null : user.getName();
    }

    @ModelAttribute("canAct")
    public boolean canAct(Authentication user) {
        return user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch("ROLE_OPERATOR"::equals);
    }
}
