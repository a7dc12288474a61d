package org.mediationledger.command.disputecase;

/**
 * A rule of the process forbids this command now (answered 409). The message names the rule and, where
 * it is legal, its source, so that the lawyer or clerk reading it knows what to do instead.
 */
public class ProcessRuleViolation extends RuntimeException {

    private final String field;

    public ProcessRuleViolation(String message) {
        this(null, message);
    }

    /** @param field the request field the rule concerns, or null */
    public ProcessRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
