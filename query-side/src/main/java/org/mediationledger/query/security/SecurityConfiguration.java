package org.mediationledger.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.mediationledger.query.config.DemoAccountSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Arrays;

/**
 * HTTP Basic over a stateless API: no session, no cookie, no CSRF token (there are no browser forms
 * here; the console calls us server to server). When an OIDC issuer or key is configured, bearer tokens
 * are accepted beside it (docs/decisions/0014). Health, info and metrics are open; every
 * {@code /api/**} read needs a signed-in user; which role reads what is below, and which case the
 * controllers decide (a lawyer's own cases, a court's own referrals).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String[] ALL_ROLES = Arrays.stream(Roles.values()).map(Roles::name).toArray(String[]::new);

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
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService users(DemoAccountSettings demoAccounts, PasswordEncoder passwordEncoder) {
        return new InMemoryUserDetailsManager(DemoAccounts.of(demoAccounts, passwordEncoder));
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, UserDetailsService users, PasswordEncoder passwordEncoder,
                            ObjectMapper objectMapper, ObjectProvider<JwtDecoder> jwtDecoder,
                            @Value("${ml.oidc.role-claim}") String roleClaim,
                            @Value("${ml.oidc.bound-to-claim}") String boundToClaim) throws Exception {
        // present only when an issuer, JWK set or public key is configured (OidcEnvironment, docs/decisions/0014)
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        ProblemAuthenticationEntryPoint problems = decoder == null ? new ProblemAuthenticationEntryPoint(objectMapper)
                : new ProblemAuthenticationEntryPoint(objectMapper, roleClaim, boundToClaim);
        AuthenticationManager authentication = new ProviderManager(new VerifiedCredentialsCache(users, passwordEncoder));
        if (decoder != null) {
            JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder);
            tokens.setJwtAuthenticationConverter(new BearerTokenReaders(roleClaim, boundToClaim));
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    // its own manager: the one below knows only the demo accounts
                    .jwt(jwt -> jwt.authenticationManager(new ProviderManager(tokens))));
        }
        return http
                .authenticationManager(authentication)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus", "/error",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // the list of funds: a lawyer applying for relief must be able to name a fund
                        // (docs/decisions/0018-console-forms.md); the ledgers stay the union's and the auditors'
                        .requestMatchers("/api/relief-funds")
                                .hasAnyRole(Roles.UNION_STAFF.name(), Roles.AUDITOR.name(), Roles.LAWYER.name())
                        // the fund's money is the union's business and the auditors' (DOMAIN.md, roles)
                        .requestMatchers("/api/relief-funds/**")
                                .hasAnyRole(Roles.UNION_STAFF.name(), Roles.AUDITOR.name())
                        // personal data unmasked: staff and the worker's lawyer (PersonalDataController), each read recorded
                        .requestMatchers("/api/cases/*/personal-data").hasAnyRole(Roles.UNION_STAFF.name(), Roles.LAWYER.name())
                        // histories and verification of the record itself (DOMAIN.md: auditors)
                        .requestMatchers("/api/audit/**").hasRole(Roles.AUDITOR.name())
                        // referral outcomes per court: a court liaison officer sees their own court's
                        .requestMatchers("/api/caseload/courts")
                                .hasAnyRole(Roles.UNION_STAFF.name(), Roles.AUDITOR.name(), Roles.COURT_LIAISON.name())
                        // the union's reported totals: staff prepare them, auditors check them
                        .requestMatchers("/api/reports/**").hasAnyRole(Roles.UNION_STAFF.name(), Roles.AUDITOR.name())
                        // each lawyer's load: staff and auditors see all, a lawyer their own line (CaseloadController)
                        .requestMatchers("/api/caseload")
                                .hasAnyRole(Roles.UNION_STAFF.name(), Roles.AUDITOR.name(), Roles.LAWYER.name())
                        // cases: every role, each bounded to what is theirs (CaseFileController); a bearer
                        // token that grants no role is refused here
                        .requestMatchers("/api/**").hasAnyRole(ALL_ROLES)
                        .anyRequest().hasAnyRole(ALL_ROLES))
                .httpBasic(basic -> basic.realmName(ProblemAuthenticationEntryPoint.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }
}
