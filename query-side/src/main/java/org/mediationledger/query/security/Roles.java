package org.mediationledger.query.security;

/** The roles of DOMAIN.md, "The people and what they may do". */
public enum Roles {
    UNION_STAFF, LAWYER, COURT_LIAISON, AUDITOR
}
