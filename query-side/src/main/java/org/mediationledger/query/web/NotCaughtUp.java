package org.mediationledger.query.web;

/**
 * The views have not yet applied the version of an aggregate that the reader needs (their own write,
 * or the event that made the case theirs); answered 409 with {@code Retry-After}, never as "not found"
 * or "not yours", because asking again shortly will succeed.
 *
 * @param subject       what the aggregate is, as the reader names it ("case", "relief fund")
 * @param wantedVersion the version the views must reach
 * @param viewVersion   the version they have applied, -1 when none
 * @param heldBecause   why the views hold the aggregate (a missing or unreadable event), or null when
 *                      they are only behind
 */
public class NotCaughtUp extends RuntimeException {

    private final String aggregateId;
    private final long wantedVersion;
    private final long viewVersion;
    private final String heldBecause;

    public NotCaughtUp(String subject, String aggregateId, long wantedVersion, long viewVersion, String heldBecause) {
        super(heldBecause == null
                ? "the views show " + subject + " " + aggregateId + " at version " + viewVersion + " and are still taking in "
                        + "version " + wantedVersion + "; ask again in a moment"
                : "the views hold " + subject + " " + aggregateId + " at version " + viewVersion + " (" + heldBecause
                        + "); version " + wantedVersion + " shows once that is resolved");
        this.aggregateId = aggregateId;
        this.wantedVersion = wantedVersion;
        this.viewVersion = viewVersion;
        this.heldBecause = heldBecause;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public long wantedVersion() {
        return wantedVersion;
    }

    public long viewVersion() {
        return viewVersion;
    }

    public String heldBecause() {
        return heldBecause;
    }
}
