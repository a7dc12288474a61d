package org.mediationledger.query.casefile;

/**
 * An event that the views cannot take although its sequence is in order (e.g. it concerns a case
 * whose registration is not in the view). Thrown before anything was changed; the aggregate is then
 * held, like one with a gap, rather than applied wrongly.
 */
public class ProjectionRefused extends RuntimeException {

    public ProjectionRefused(String message) {
        super(message);
    }
}
