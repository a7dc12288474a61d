package org.mediationledger.command.pii;

import org.mediationledger.command.config.RandomIdentifiers;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.disputecase.ClaimantRecord;
import org.mediationledger.events.pii.PersonalDataCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Turns a worker's plaintext personal data into what an event may carry (DOMAIN.md, "Personal data"):
 * ciphertext under the worker's own key, kept in {@code pii.worker_key}, plus a keyed hash of the ID
 * number for matching. The same ID number always maps to the same worker (claimant key and key).
 */
@Component
public class PersonalDataProtection {

    private final JdbcTemplate jdbc;
    private final byte[] matchingSecret;

    public PersonalDataProtection(JdbcTemplate jdbc, @Value("${ml.pii.hmac-secret:}") String configuredSecret) {
        this.jdbc = jdbc;
        this.matchingSecret = configuredSecret.isBlank()
                ? storedMatchingSecret(jdbc)
                : configuredSecret.getBytes(StandardCharsets.UTF_8);
    }

    public ClaimantRecord protect(String name, String idNumber, String phone, EmploymentForm employmentForm) {
        String normalizedId = idNumber.toUpperCase();
        String idHash = idNumberHash(normalizedId);
        WorkerKey worker = workerKeyFor(idHash);
        return new ClaimantRecord(worker.claimantKey(), name, idHash,
                PersonalDataCipher.encrypt(worker.key(), worker.claimantKey(), normalizedId),
                PersonalDataCipher.encrypt(worker.key(), worker.claimantKey(), phone),
                employmentForm);
    }

    /**
     * The worker with this ID number, if one was ever registered; never registers one (the intake
     * check asks before anything is written).
     */
    public java.util.Optional<String> claimantKeyOf(String idNumber) {
        return jdbc.query("SELECT claimant_key FROM pii.worker_key WHERE id_number_hash = ?",
                (rs, row) -> rs.getString(1), idNumberHash(idNumber)).stream().findFirst();
    }

    /** HMAC-SHA256 of the ID number; without the secret it cannot be reversed by trying all ID numbers. */
    public String idNumberHash(String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(matchingSecret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(idNumber.toUpperCase().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private WorkerKey workerKeyFor(String idHash) {
        jdbc.update("INSERT INTO pii.worker_key (claimant_key, id_number_hash, worker_key) VALUES (?, ?, ?) "
                        + "ON CONFLICT (id_number_hash) DO NOTHING",
                RandomIdentifiers.uuid().toString(), idHash, PersonalDataCipher.newWorkerKey());
        return jdbc.queryForObject("SELECT claimant_key, worker_key FROM pii.worker_key WHERE id_number_hash = ?",
                (rs, row) -> new WorkerKey(rs.getString(1), rs.getBytes(2)), idHash);
    }

    private static byte[] storedMatchingSecret(JdbcTemplate jdbc) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.update("INSERT INTO pii.matching_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", (Object) fresh);
        return jdbc.queryForObject("SELECT secret FROM pii.matching_secret WHERE id = 1", byte[].class);
    }

    private record WorkerKey(String claimantKey, byte[] key) {
        WorkerKey {
            if (key == null) {
                // issue 4 brings erasure: a worker whose key was erased is registered afresh then
                throw new IllegalStateException("this worker's key was erased");
            }
        }
    }
}
