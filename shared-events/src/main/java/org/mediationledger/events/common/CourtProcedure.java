package org.mediationledger.events.common;

/** The court procedure of a filed case; it sets the entrusted-mediation period. */
public enum CourtProcedure {
    ORDINARY, SIMPLE
}
