package org.mediationledger.events.pii;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Personal data encrypted under its worker's key (AES-GCM): base64 of nonce followed by ciphertext and tag.
 * Events and Kafka only ever carry this form; once the worker's key is erased it can never be read again.
 */
public record EncryptedText(String base64) {

    public EncryptedText {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("encrypted text must not be empty");
        }
    }

    @JsonCreator
    public static EncryptedText of(String base64) {
        return new EncryptedText(base64);
    }

    @JsonValue
    public String base64() {
        return base64;
    }

    @Override
    public String toString() {
        return "EncryptedText[…]";
    }
}
