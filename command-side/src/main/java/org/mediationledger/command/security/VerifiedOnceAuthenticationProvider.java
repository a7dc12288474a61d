package org.mediationledger.command.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic sends the password with every request. BCrypt is deliberately slow, so it is paid once per
 * user: after a successful check, a salted SHA-256 of the accepted password is kept in memory and later
 * requests are compared against it in constant time.
 */
public class VerifiedOnceAuthenticationProvider implements AuthenticationProvider {

    private final Map<String, Account> accounts;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[16];

    public VerifiedOnceAuthenticationProvider(Map<String, Account> accounts) {
        this.accounts = accounts;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        Account account = accounts.get(username);
        if (account == null || credentials == null) {
            throw new BadCredentialsException("unknown user or wrong password");
        }
        String password = credentials.toString();
        byte[] digest = digest(password);
        byte[] known = verified.get(username);
        if (known == null || !MessageDigest.isEqual(known, digest)) {
            if (!BCrypt.checkpw(password, account.passwordHash())) {
                throw new BadCredentialsException("unknown user or wrong password");
            }
            verified.put(username, digest);
        }
        return UsernamePasswordAuthenticationToken.authenticated(new Actor(account.username(), account.role(), account.boundTo()),
                null, List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
    }

    private byte[] digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
