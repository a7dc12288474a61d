package org.mediationledger.events.common;

/** How the dispute reached the union. */
public enum IntakeChannel {
    WALK_IN, HOTLINE, ONLINE, COURT_REFERRAL, INFORMATION_OFFICER
}
