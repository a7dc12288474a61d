package org.mediationledger.query.web;

/** The reader's role may read this kind of thing, but not this one (not their case, not their court); answered 403. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
