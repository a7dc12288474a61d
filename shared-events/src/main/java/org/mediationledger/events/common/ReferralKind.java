package org.mediationledger.events.common;

/** 委派调解 (before filing, ended 2025) or 委托调解 (after filing). */
public enum ReferralKind {
    PRE_FILING_DELEGATED, ENTRUSTED
}
