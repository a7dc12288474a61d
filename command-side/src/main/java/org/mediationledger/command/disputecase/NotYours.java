package org.mediationledger.command.disputecase;

/**
 * The actor's role may send this kind of command, but not on this case or for this court (answered 403):
 * a lawyer writes only to the cases they are responsible for, a court liaison officer only for their own
 * court (DOMAIN.md, "The people and what they may do").
 */
public class NotYours extends RuntimeException {

    private final String field;

    public NotYours(String message) {
        this(null, message);
    }

    /** @param field the request field that names what is not the actor's, or null */
    public NotYours(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
