package org.mediationledger.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Who may send which command: the "who" column of API.md, in one table. Reads of health, metrics and
 * the OpenAPI document need no credentials. Users sign in with HTTP Basic (demo accounts) or, when an
 * OIDC issuer or key is configured, with a bearer token (docs/decisions/0014); both make the same
 * {@link Actor}.
 */
@Configuration
public class SecurityConfig {

    private static final String UNION_STAFF = Role.UNION_STAFF.name();
    private static final String LAWYER = Role.LAWYER.name();
    private static final String COURT_LIAISON = Role.COURT_LIAISON.name();
    private static final String[] ALL_ROLES = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);
    private static final String REALM = "mediation-ledger";

    /**
     * {@code requestMatchers("/api/...")} below match the path by its pattern alone, not by asking Spring MVC
     * which handler would take the request: that lookup ran for every request (about a tenth of the request
     * threads' CPU in the command benchmark's profile) and decides nothing more for these rules.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    public AuthenticationManager authenticationManager(@Value("${ml.security.demo-accounts}") boolean demoAccounts,
                                                       @Value("${ml.security.demo-password}") String demoPassword) {
        Map<String, Account> accounts = demoAccounts ? DemoAccounts.withPassword(demoPassword) : Map.of();
        return new ProviderManager(new VerifiedOnceAuthenticationProvider(accounts));
    }

    @Bean
    public SecurityFilterChain commandSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
                                               ObjectMapper json, ObjectProvider<JwtDecoder> jwtDecoder,
                                               @Value("${ml.oidc.role-claim}") String roleClaim,
                                               @Value("${ml.oidc.bound-to-claim}") String boundToClaim) throws Exception {
        // present only when an issuer, JWK set or public key is configured (OidcEnvironment, docs/decisions/0014)
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        boolean bearer = decoder != null;
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof OAuth2AuthenticationException) {
                problem(json, response, HttpStatus.UNAUTHORIZED,
                        "the bearer token is invalid, expired or not signed by the configured issuer",
                        List.of("Bearer realm=\"" + REALM + "\", error=\"invalid_token\""));
            } else if (bearer) {
                problem(json, response, HttpStatus.UNAUTHORIZED, "credentials are missing or wrong (HTTP Basic or a bearer token)",
                        List.of("Basic realm=\"" + REALM + "\"", "Bearer realm=\"" + REALM + "\""));
            } else {
                problem(json, response, HttpStatus.UNAUTHORIZED, "credentials are missing or wrong (HTTP Basic)",
                        List.of("Basic realm=\"" + REALM + "\""));
            }
        };
        AccessDeniedHandler denied = (request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                hasRole(SecurityContextHolder.getContext().getAuthentication()) ? "your role may not do this"
                        : "your token grants no role here: it needs claim '" + roleClaim + "' (one of "
                        + Arrays.toString(Role.values()) + "), and for a lawyer or court liaison officer '" + boundToClaim + "'",
                List.of());
        if (bearer) {
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder);
            tokens.setJwtAuthenticationConverter(new BearerTokenActors(roleClaim, boundToClaim));
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(denied)
                    // its own manager: the one below knows only the demo accounts
                    .jwt(jwt -> jwt.authenticationManager(new ProviderManager(tokens))));
        }
        return http
                .csrf(csrf -> csrf.disable()) // no browser sessions or cookies: every request carries its credentials
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(authenticationManager)
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/lawyers").hasRole(UNION_STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/cases", "/api/intake-checks").hasRole(UNION_STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/court-referrals").hasRole(COURT_LIAISON)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/mediator", "/api/cases/*/legal-aid").hasRole(UNION_STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/legal-aid-application").hasAnyRole(LAWYER, UNION_STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/relief-application").hasRole(LAWYER)
                        .requestMatchers(HttpMethod.POST, "/api/relief-funds", "/api/relief-funds/*/contributions").hasRole(UNION_STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/workers/*/erasure").hasRole(UNION_STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/mediation-sessions", "/api/cases/*/mediation-extension",
                                "/api/cases/*/agreement", "/api/cases/*/mediation-failure", "/api/cases/*/award",
                                "/api/cases/*/payments").hasRole(LAWYER)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/judicial-confirmation").hasRole(COURT_LIAISON)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/enforcement-termination").hasAnyRole(COURT_LIAISON, LAWYER)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/closure").hasAnyRole(LAWYER, UNION_STAFF)
                        // every other request needs a role: a bearer token that grants none is refused here
                        .anyRequest().hasAnyRole(ALL_ROLES))
                .build();
    }

    private static boolean hasRole(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> Arrays.stream(ALL_ROLES).anyMatch(role -> ("ROLE_" + role).equals(a.getAuthority())));
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail,
                                List<String> challenges) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        challenges.forEach(challenge -> response.addHeader("WWW-Authenticate", challenge));
        json.writeValue(response.getOutputStream(), problem);
    }
}
