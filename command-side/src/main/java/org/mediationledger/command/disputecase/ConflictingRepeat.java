package org.mediationledger.command.disputecase;

/**
 * A client-generated id (case, payment, session, ...) that already did something different: the same
 * id with different content is a conflict (409), never a second fact.
 */
public class ConflictingRepeat extends RuntimeException {

    public ConflictingRepeat(String message) {
        super(message);
    }
}
