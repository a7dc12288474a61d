package org.mediationledger.command.security;

/** The roles of DOMAIN.md, "The people and what they may do". */
public enum Role {
    UNION_STAFF, LAWYER, COURT_LIAISON, AUDITOR
}
