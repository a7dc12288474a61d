package org.mediationledger.command.config;

import org.axonframework.common.IdentifierFactory;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs from one strong random generator per thread. {@link UUID#randomUUID()} draws
 * from one generator shared by the JVM behind a lock: under load, the request threads queued on it for
 * every message, event and request id (the benchmark's profile). Axon finds this factory through
 * {@code META-INF/services}, and the command side's own ids come from {@link #uuid()}.
 */
public final class RandomIdentifiers extends IdentifierFactory {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomIdentifiers::newGenerator);

    public static UUID uuid() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low);
    }

    @Override
    public String generateIdentifier() {
        return uuid().toString();
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG"); // seeded from the system's entropy, its own lock
        } catch (NoSuchAlgorithmException notAvailable) {
            return new SecureRandom();
        }
    }
}
