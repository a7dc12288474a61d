package org.mediationledger.query.rebuild;

/** A rebuild cannot start or switch now (answered 409); the message says why. */
public class RebuildConflict extends RuntimeException {

    public RebuildConflict(String message) {
        super(message);
    }
}
