package org.mediationledger.query.casefile;

import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.pii.EncryptedText;
import org.mediationledger.events.pii.Masking;
import org.mediationledger.events.pii.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Shows a worker's personal data masked (DOMAIN.md, "Personal data"): decrypted with the worker's key
 * only for the moment it takes to mask it. Without the key (erased) nothing can be shown.
 */
@Component
public class ClaimantMasking {

    private static final Logger log = LoggerFactory.getLogger(ClaimantMasking.class);

    private final WorkerKeys workerKeys;

    public ClaimantMasking(WorkerKeys workerKeys) {
        this.workerKeys = workerKeys;
    }

    /** @param erased the worker's personal data was erased: shown as such, whatever is or is not stored */
    public CaseFile.Claimant claimant(String claimantKey, String name, boolean erased, String idNumberCipher, String phoneCipher,
                                      EmploymentForm employmentForm) {
        if (erased) {
            return new CaseFile.Claimant(claimantKey, name, Masking.ERASED, Masking.ERASED, employmentForm);
        }
        Optional<byte[]> key = workerKeys.find(claimantKey);
        return new CaseFile.Claimant(claimantKey, name,
                masked(key, claimantKey, idNumberCipher, Masking::idNumber),
                masked(key, claimantKey, phoneCipher, Masking::phone),
                employmentForm);
    }

    /** The claimant with personal data in plain text, for the roles that need it; recorded by the caller. */
    public CaseFile.Claimant unmasked(CaseFileQueries.StoredClaimant stored) {
        if (stored.erased()) {
            return new CaseFile.Claimant(stored.claimantKey(), stored.name(), Masking.ERASED, Masking.ERASED, stored.employmentForm());
        }
        Optional<byte[]> key = workerKeys.find(stored.claimantKey());
        return new CaseFile.Claimant(stored.claimantKey(), stored.name(),
                masked(key, stored.claimantKey(), stored.idNumberCipher(), UnaryOperator.identity()),
                masked(key, stored.claimantKey(), stored.phoneCipher(), UnaryOperator.identity()),
                stored.employmentForm());
    }

    private static String masked(Optional<byte[]> key, String claimantKey, String cipher, UnaryOperator<String> mask) {
        if (cipher == null) {
            return null;
        }
        if (key.isEmpty()) {
            return Masking.ERASED;
        }
        try {
            return mask.apply(PersonalDataCipher.decrypt(key.get(), claimantKey, new EncryptedText(cipher)));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // a key that does not open the text (e.g. replaced): as unreadable as an erased one
            log.warn("personal data of claimant {} could not be decrypted with the stored key", claimantKey);
            return Masking.ERASED;
        }
    }
}
