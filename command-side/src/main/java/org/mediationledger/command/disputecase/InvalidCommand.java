package org.mediationledger.command.disputecase;

/**
 * The command's content is invalid in itself, whatever the case's state: instalments that do not add
 * up, a 2025 referral without its court case number (answered 400, naming the field). Compare
 * {@link ProcessRuleViolation}, which the same content could pass at another moment.
 */
public class InvalidCommand extends RuntimeException {

    private final String field;

    public InvalidCommand(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
