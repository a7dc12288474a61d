package org.mediationledger.events.common;

/** The binding decision that fixes an enforceable amount. */
public enum AwardKind {
    ARBITRATION_AWARD, JUDGMENT, CONFIRMED_AGREEMENT
}
