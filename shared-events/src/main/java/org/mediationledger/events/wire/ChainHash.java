package org.mediationledger.events.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The link of one stored event in its aggregate's hash chain: SHA-256 of the previous event's link and
 * this event's canonical form, each field a 4-byte big-endian length then its bytes (length -1 for null).
 * The command side's database computes it on insert (Flyway V5, {@code event_chain_hash}); auditors
 * recompute it here from the stored rows. The two must stay byte-for-byte the same.
 */
public final class ChainHash {

    /** What the first event of an aggregate chains from. */
    private static final byte[] GENESIS = new byte[32];

    private ChainHash() {
    }

    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** An event as the event store holds it: text columns as stored, payload and metadata as their bytes. */
    public record StoredEvent(String aggregateIdentifier,
                              long sequenceNumber,
                              String eventIdentifier,
                              String payloadType,
                              String payloadRevision,
                              String timeStamp,
                              byte[] payload,
                              byte[] metaData) {
    }

    public static byte[] link(byte[] previous, StoredEvent event) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        sha256.update(previous);
        field(sha256, utf8(event.aggregateIdentifier()));
        field(sha256, ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        field(sha256, utf8(event.eventIdentifier()));
        field(sha256, utf8(event.payloadType()));
        field(sha256, utf8(event.payloadRevision()));
        field(sha256, utf8(event.timeStamp()));
        field(sha256, event.payload());
        field(sha256, event.metaData());
        return sha256.digest();
    }

    public static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private static void field(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
