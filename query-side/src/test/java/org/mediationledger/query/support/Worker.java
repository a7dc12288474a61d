package org.mediationledger.query.support;

import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.disputecase.ClaimantRecord;
import org.mediationledger.events.pii.PersonalDataCipher;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A worker as the command side would record them: a key of their own in {@code pii.worker_key}
 * (here inserted by the test), personal data encrypted under it, and a keyed hash of the ID number.
 */
public record Worker(String claimantKey, String name, String idNumber, String phone, byte[] key, String idNumberHash) {

    private static final byte[] MATCHING_SECRET = "query-side-test-matching-secret".getBytes(StandardCharsets.UTF_8);

    public static Worker enrol(JdbcTemplate db, String name, String idNumber, String phone) {
        String claimantKey = UUID.randomUUID().toString();
        byte[] key = PersonalDataCipher.newWorkerKey();
        String hash = hash(idNumber);
        db.update("INSERT INTO pii.worker_key (claimant_key, id_number_hash, worker_key, created_at) VALUES (?, ?, ?, now())",
                claimantKey, hash, key);
        return new Worker(claimantKey, name, idNumber, phone, key, hash);
    }

    public void erase(JdbcTemplate db) {
        db.update("UPDATE pii.worker_key SET worker_key = NULL, erased_at = now() WHERE claimant_key = ?", claimantKey);
    }

    public ClaimantRecord record(EmploymentForm employmentForm) {
        return new ClaimantRecord(claimantKey, name, idNumberHash,
                PersonalDataCipher.encrypt(key, claimantKey, idNumber),
                PersonalDataCipher.encrypt(key, claimantKey, phone),
                employmentForm);
    }

    private static String hash(String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MATCHING_SECRET, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(idNumber.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
