package org.mediationledger.command.web;

/** The same Idempotency-Key was sent with a different request (422). */
public class IdempotencyMisuse extends RuntimeException {

    public IdempotencyMisuse(String message) {
        super(message);
    }
}
