package org.mediationledger.command.disputecase;

import org.axonframework.messaging.MetaData;
import org.mediationledger.events.wire.EventMetadata;

/**
 * Who sends a command, as the command side's web layer put it into the command's metadata: the actor,
 * their role, and what a lawyer or court liaison officer is bound to (their lawyer id, their court).
 * The case's ownership rules read it; commands sent by the system itself (deadlines, the relief saga)
 * are never checked against it.
 */
public record Acting(String actorId, String role, String boundTo) {

    /** Metadata key of the binding; travels with the command only, never onto an event. */
    public static final String BOUND_TO = "actorBoundTo";

    public static final String LAWYER = "LAWYER";
    public static final String COURT_LIAISON = "COURT_LIAISON";
    public static final String AUDITOR = "AUDITOR";

    public static Acting from(MetaData metaData) {
        return new Acting(text(metaData.get(EventMetadata.ACTOR_ID)), text(metaData.get(EventMetadata.ACTOR_ROLE)),
                text(metaData.get(BOUND_TO)));
    }

    boolean isLawyer() {
        return LAWYER.equals(role);
    }

    boolean isCourtLiaison() {
        return COURT_LIAISON.equals(role);
    }

    boolean isAuditor() {
        return AUDITOR.equals(role);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
