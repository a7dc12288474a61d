package org.mediationledger.console.audit;

import java.util.Optional;
import java.util.UUID;

/** Ids from a path, checked before they go into a query-side path: a UUID, written the canonical way. */
final class Uuids {

    private Uuids() {
    }

    static Optional<String> canonical(String text) {
        try {
            return Optional.of(UUID.fromString(text.trim()).toString());
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
