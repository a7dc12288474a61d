package org.mediationledger.command.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * A stand-in for an OIDC provider: an RSA key pair made in the test, whose public key the service is
 * configured with (a PEM file), and tokens signed with its private key.
 */
final class TestIssuer {

    private final KeyPair keys;

    private TestIssuer(KeyPair keys) {
        this.keys = keys;
    }

    static TestIssuer generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestIssuer(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a PEM file, as a Spring resource location ({@code file:...}). */
    String publicKeyLocation() {
        try {
            Path pem = Files.createTempFile("ml-test-issuer", ".pem");
            pem.toFile().deleteOnExit();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keys.getPublic().getEncoded());
            Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
            return pem.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token valid for five minutes with these claims besides {@code sub}. */
    String token(String subject, Map<String, Object> claims) {
        Instant now = Instant.now();
        return sign(subject, claims, now, now.plus(Duration.ofMinutes(5)));
    }

    /** A token that expired ten minutes ago, well past any allowed clock skew. */
    String expiredToken(String subject, Map<String, Object> claims) {
        Instant now = Instant.now();
        return sign(subject, claims, now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(10)));
    }

    private String sign(String subject, Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
