package org.mediationledger.events.relieffund;

/**
 * Every movement of one relief fund (aggregate {@code ReliefFund}): its ledger is these events.
 * available = contributed - reserved - paid + recovered, and it never goes below zero.
 */
public sealed interface ReliefFundEvent permits
        ReliefFundEstablished,
        ContributionReceived,
        ReliefReserved,
        ReliefReservationRefused,
        ReliefReservationReleased,
        ReliefPaidOut,
        ReliefRecoveryReceived {

    String fundId();
}
