package org.mediationledger.events.common;

/**
 * Why the worker receives legal aid. Migrant workers claiming wages or work-injury damages need no
 * hardship check (Legal Aid Law art. 42).
 */
public enum LegalAidBasis {
    HARDSHIP, MIGRANT_WORKER_WAGE_CLAIM, UNION_MEMBER
}
