package org.mediationledger.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Who may send which command: the "who" column of API.md, in one table. Reads of health, metrics and
 * the OpenAPI document need no credentials.
 */
@Configuration
public class SecurityConfig {

    private static final String UNION_STAFF = Role.UNION_STAFF.name();
    private static final String LAWYER = Role.LAWYER.name();
    private static final String COURT_LIAISON = Role.COURT_LIAISON.name();

    @Bean
    public AuthenticationManager authenticationManager(@Value("${ml.security.demo-accounts}") boolean demoAccounts,
                                                       @Value("${ml.security.demo-password}") String demoPassword) {
        Map<String, Account> accounts = demoAccounts ? DemoAccounts.withPassword(demoPassword) : Map.of();
        return new ProviderManager(new VerifiedOnceAuthenticationProvider(accounts));
    }

    @Bean
    public SecurityFilterChain commandSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
                                               ObjectMapper json) throws Exception {
        return http
                .csrf(csrf -> csrf.disable()) // no browser sessions or cookies: every request carries its credentials
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(authenticationManager)
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        problem(json, response, HttpStatus.UNAUTHORIZED, "credentials are missing or wrong (HTTP Basic)")))
                .exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) ->
                        problem(json, response, HttpStatus.FORBIDDEN, "your role may not do this")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/lawyers").hasRole(UNION_STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/cases").hasRole(UNION_STAFF)
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
                        .anyRequest().authenticated())
                .build();
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"mediation-ledger\"");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
