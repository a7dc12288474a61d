package org.mediationledger.query.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic without paying a BCrypt hash on every request (ARCHITECTURE.md, "Performance
 * targets"): a password is verified with the slow encoder once, then a salted SHA-256 of the
 * accepted credentials is kept per user and later requests are compared against it. A wrong
 * password never matches the cache, so it always pays the full BCrypt cost; a changed stored
 * password invalidates the entry.
 */
public class VerifiedCredentialsCache implements AuthenticationProvider {

    private final UserDetailsService users;
    private final PasswordEncoder passwordEncoder;
    private final AccountStatusUserDetailsChecker accountStatus = new AccountStatusUserDetailsChecker();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    // per process, so the cache's digests are worthless outside it
    private final byte[] salt = new byte[32];
    private final String unknownUserHash;

    /** @param stored the user's encoded password when the credentials were accepted */
    private record Verified(String stored, byte[] digest) {
    }

    public VerifiedCredentialsCache(UserDetailsService users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        new SecureRandom().nextBytes(salt);
        this.unknownUserHash = passwordEncoder.encode("no such user");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        UserDetails user;
        try {
            user = users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            // same cost as a wrong password, so response times do not tell which names exist
            passwordEncoder.matches(password, unknownUserHash);
            throw new BadCredentialsException("bad credentials");
        }
        accountStatus.check(user);
        byte[] digest = digest(username, password);
        Verified known = verified.get(username);
        boolean accepted = known != null && known.stored().equals(user.getPassword())
                && MessageDigest.isEqual(known.digest(), digest);
        if (!accepted) {
            if (!passwordEncoder.matches(password, user.getPassword())) {
                throw new BadCredentialsException("bad credentials");
            }
            verified.put(username, new Verified(user.getPassword(), digest));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] digest(String username, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(username.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
