package org.mediationledger.events.common;

/** Where a recovered payment came from. */
public enum PaymentSource {
    EMPLOYER_VOLUNTARY, INSTALMENT, COURT_ENFORCEMENT, PLATFORM, WAGE_FUND_ADVANCE
}
