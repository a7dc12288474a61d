package org.mediationledger.events.common;

/** Where a case stands in its lifecycle. */
public enum CaseStage {
    REGISTERED, IN_MEDIATION, AGREED, MEDIATION_FAILED, LEGAL_AID, AWARDED, ENFORCEMENT_TERMINATED, CLOSED
}
