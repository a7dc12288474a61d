package org.mediationledger.events.disputecase;

import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.pii.EncryptedText;

/**
 * The worker as an event records them: personal data only as ciphertext under the worker's key, plus a
 * keyed hash of the ID number for matching (same worker, open case against the same employer).
 *
 * @param claimantKey  the worker's stable, non-personal key (one per ID number)
 * @param idNumberHash HMAC-SHA256 of the ID number under the system's matching secret, hex
 */
public record ClaimantRecord(String claimantKey,
                             String name,
                             String idNumberHash,
                             EncryptedText idNumber,
                             EncryptedText phone,
                             EmploymentForm employmentForm) {
}
