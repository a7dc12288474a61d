package org.mediationledger.query.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.StringUtils;

import java.util.List;

/**
 * Makes a verified bearer token a signed-in user that {@link Reader#of} reads like a demo account
 * (docs/decisions/0014): authority {@code ROLE_<role>} from the role claim ({@code ml_role} unless
 * configured), and a principal bound to the binding claim ({@code ml_bound_to} unless configured), the
 * lawyer id or court code, so a lawyer's reads follow the claim rather than the token's subject. The
 * name is {@code preferred_username} if present, otherwise {@code sub}.
 * A token without a valid role (or a lawyer's or court's without its binding) authenticates with no
 * role: every endpoint needs one, so it is refused with 403.
 */
public class BearerTokenReaders implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String PREFERRED_USERNAME = "preferred_username";

    private final String roleClaim;
    private final String boundToClaim;

    public BearerTokenReaders(String roleClaim, String boundToClaim) {
        this.roleClaim = roleClaim;
        this.boundToClaim = boundToClaim;
    }

    /** The signed-in user of a bearer token: their name, and the lawyer id or court code they read for. */
    public record TokenUser(String name, String boundTo) implements AuthenticatedPrincipal, Reader.BoundPrincipal {

        @Override
        public String getName() {
            return name;
        }
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = text(jwt, PREFERRED_USERNAME);
        if (name == null) {
            name = text(jwt, JwtClaimNames.SUB);
        }
        if (name == null) {
            throw new InvalidBearerTokenException("the token names no subject");
        }
        Roles role = role(text(jwt, roleClaim));
        boolean bound = role == Roles.LAWYER || role == Roles.COURT_LIAISON;
        String boundTo = bound ? text(jwt, boundToClaim) : null;
        if (role == null || bound && boundTo == null) {
            return UsernamePasswordAuthenticationToken.authenticated(new TokenUser(name, null), null, List.of());
        }
        return UsernamePasswordAuthenticationToken.authenticated(new TokenUser(name, boundTo), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
    }

    private static Roles role(String value) {
        if (value == null) {
            return null;
        }
        for (Roles role : Roles.values()) {
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
