package org.mediationledger.query.web;

/** The thing asked for is not in the views; answered 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
