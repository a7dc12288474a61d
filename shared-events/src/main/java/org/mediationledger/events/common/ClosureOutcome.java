package org.mediationledger.events.common;

/** How a case ended. */
public enum ClosureOutcome {
    RECOVERED_IN_FULL, RECOVERED_IN_PART, RELIEF_PAID, WITHDRAWN, RETURNED_TO_COURT, TRANSFERRED_TO_ARBITRATION
}
