package org.mediationledger.query.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedCredentialsCacheTest {

    /** BCrypt at its lowest cost, counting how often a password is checked against it. */
    private static final class CountingEncoder implements PasswordEncoder {
        final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        final AtomicInteger matches = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    private final CountingEncoder encoder = new CountingEncoder();
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("staff").password(encoder.encode("demo")).roles("UNION_STAFF").build());
    private final VerifiedCredentialsCache provider = new VerifiedCredentialsCache(users, encoder);

    @Test
    void rightPassword_isHashedWithBCryptOnlyOnce() {
        int before = encoder.matches.get();
        for (int request = 0; request < 5; request++) {
            Authentication authenticated = provider.authenticate(basic("staff", "demo"));
            assertThat(authenticated.isAuthenticated()).isTrue();
            assertThat(authenticated.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_UNION_STAFF");
            assertThat(authenticated.getCredentials()).isNull();
        }
        assertThat(encoder.matches.get() - before).isEqualTo(1);
    }

    @Test
    void wrongPassword_isRefused_andAlwaysPaysTheFullCheck() {
        provider.authenticate(basic("staff", "demo"));
        int before = encoder.matches.get();

        assertThatThrownBy(() -> provider.authenticate(basic("staff", "demo2"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("staff", "demo2"))).isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.matches.get() - before).isEqualTo(2);
    }

    @Test
    void unknownUser_isRefused() {
        assertThatThrownBy(() -> provider.authenticate(basic("nobody", "demo"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void changedPassword_invalidatesTheRememberedCredentials() {
        provider.authenticate(basic("staff", "demo"));

        users.updateUser(User.withUsername("staff").password(encoder.encode("new-secret")).roles("UNION_STAFF").build());

        assertThatThrownBy(() -> provider.authenticate(basic("staff", "demo"))).isInstanceOf(BadCredentialsException.class);
        assertThat(provider.authenticate(basic("staff", "new-secret")).isAuthenticated()).isTrue();
    }

    private static UsernamePasswordAuthenticationToken basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
