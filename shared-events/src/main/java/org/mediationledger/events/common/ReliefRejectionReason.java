package org.mediationledger.events.common;

/** Why a relief application was turned down (DOMAIN.md step 8). */
public enum ReliefRejectionReason {
    /** The fund named in the application does not exist. */
    FUND_UNKNOWN,
    /** The worker has already received the fund's per-worker cap. */
    WORKER_CAP_REACHED,
    /** The fund's available balance is below the amount; relief is never paid in part. */
    INSUFFICIENT_BALANCE,
    /** Between application and approval the case stopped qualifying (paid meanwhile, or closed). */
    CASE_NO_LONGER_ELIGIBLE
}
