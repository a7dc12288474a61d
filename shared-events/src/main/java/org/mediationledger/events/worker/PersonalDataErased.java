package org.mediationledger.events.worker;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The worker's key was destroyed (DOMAIN.md, "Personal data"): every ciphertext of their ID number and
 * phone, in every event, on Kafka and in every view, can no longer be read. The events themselves stay
 * as they were, so the hash chain and every total are unchanged.
 *
 * @param reason   why, as union staff recorded it (never personal data)
 * @param erasedOn the business date of the erasure
 */
@Revision("1")
public record PersonalDataErased(String claimantKey, String reason, LocalDate erasedOn) implements WorkerEvent {
}
