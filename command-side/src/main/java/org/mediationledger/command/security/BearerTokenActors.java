package org.mediationledger.command.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.StringUtils;

import java.util.List;

/**
 * Makes a verified bearer token the same {@link Actor} that HTTP Basic makes of a demo account, with
 * authority {@code ROLE_<role>} (docs/decisions/0014):
 * <ul>
 *   <li>id: {@code preferred_username} if present, otherwise {@code sub};</li>
 *   <li>role: the role claim ({@code ml_role} unless configured), one of {@link Role};</li>
 *   <li>bound to: the binding claim ({@code ml_bound_to} unless configured), the lawyer id or the court
 *       code; required for a lawyer or court liaison officer, ignored for the others.</li>
 * </ul>
 * A token without a valid role (or a lawyer's or court's without its binding) still authenticates, but
 * with no role and no {@link Actor}: every endpoint needs a role, so it is refused with 403.
 */
public class BearerTokenActors implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String PREFERRED_USERNAME = "preferred_username";

    private final String roleClaim;
    private final String boundToClaim;

    public BearerTokenActors(String roleClaim, String boundToClaim) {
        this.roleClaim = roleClaim;
        this.boundToClaim = boundToClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String id = text(jwt, PREFERRED_USERNAME);
        if (id == null) {
            id = text(jwt, JwtClaimNames.SUB);
        }
        if (id == null) {
            throw new InvalidBearerTokenException("the token names no subject");
        }
        Role role = role(text(jwt, roleClaim));
        boolean bound = role == Role.LAWYER || role == Role.COURT_LIAISON;
        String boundTo = bound ? text(jwt, boundToClaim) : null;
        if (role == null || bound && boundTo == null) {
            return UsernamePasswordAuthenticationToken.authenticated(id, null, List.of());
        }
        return UsernamePasswordAuthenticationToken.authenticated(new Actor(id, role, boundTo), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    }

    private static Role role(String value) {
        if (value == null) {
            return null;
        }
        for (Role role : Role.values()) {
            if (role.name().equals(value)) {
                return role;
            }
        }
        return null;
    }

    private static String text(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        return value instanceof String s && StringUtils.hasText(s) ? s.trim() : null;
    }
}
