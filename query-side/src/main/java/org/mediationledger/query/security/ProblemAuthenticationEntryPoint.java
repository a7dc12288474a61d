package org.mediationledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;

/**
 * 401 and 403 as problem JSON, like every other error (API.md, "Errors"). With bearer tokens on
 * (docs/decisions/0014) a missing sign-in is challenged for both schemes, a rejected token answers
 * {@code invalid_token}, and a token that grants no role is told which claims it lacks.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "mediation-ledger";

    private final ObjectMapper json;
    private final boolean bearer;
    private final String roleClaim;
    private final String boundToClaim;

    /** HTTP Basic only. */
    public ProblemAuthenticationEntryPoint(ObjectMapper json) {
        this(json, false, null, null);
    }

    /** HTTP Basic and bearer tokens, whose role and binding are in these claims. */
    public ProblemAuthenticationEntryPoint(ObjectMapper json, String roleClaim, String boundToClaim) {
        this(json, true, roleClaim, boundToClaim);
    }

    private ProblemAuthenticationEntryPoint(ObjectMapper json, boolean bearer, String roleClaim, String boundToClaim) {
        this.json = json;
        this.bearer = bearer;
        this.roleClaim = roleClaim;
        this.boundToClaim = boundToClaim;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof OAuth2AuthenticationException) {
            // one answer for every reason (expired, wrong key, malformed); the token itself is never echoed
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\", error=\"invalid_token\"");
            write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "the bearer token is invalid, expired or not signed by the configured issuer");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        if (bearer) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized", bearer
                ? "sign in with HTTP Basic or a bearer token: missing or wrong user name, password or token"
                : "sign in with HTTP Basic: missing or wrong user name or password");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden",
                !bearer || hasRole(SecurityContextHolder.getContext().getAuthentication()) ? "your role may not do this"
                        : "your token grants no role here: it needs claim '" + roleClaim + "' (one of "
                        + Arrays.toString(Roles.values()) + "), and for a lawyer or court liaison officer '" + boundToClaim + "'");
    }

    private static boolean hasRole(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> Arrays.stream(Roles.values()).anyMatch(role -> ("ROLE_" + role.name()).equals(a.getAuthority())));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                       String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
