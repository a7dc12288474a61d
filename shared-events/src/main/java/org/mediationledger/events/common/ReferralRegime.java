package org.mediationledger.events.common;

/**
 * The legal regime a court referral falls under, chosen by its referral date (never by today's date).
 */
public enum ReferralRegime {
    /** Before 2025-01-01: SPC rules on specially invited mediation (2016), art. 27. */
    SPECIALLY_INVITED_MEDIATION_2016,
    /** From 2025-01-01: SPC opinion on case filing and mediation; the case is filed at court first. */
    FILING_FIRST_2025
}
