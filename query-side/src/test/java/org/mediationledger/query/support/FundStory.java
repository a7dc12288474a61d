package org.mediationledger.query.support;

import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.relieffund.ContributionReceived;
import org.mediationledger.events.relieffund.ReliefFundEstablished;
import org.mediationledger.events.relieffund.ReliefPaidOut;
import org.mediationledger.events.relieffund.ReliefRecoveryReceived;
import org.mediationledger.events.relieffund.ReliefReservationRefused;
import org.mediationledger.events.relieffund.ReliefReservationReleased;
import org.mediationledger.events.relieffund.ReliefReserved;
import org.mediationledger.events.wire.PublishedEvent;

import java.time.LocalDate;
import java.util.UUID;

/** The events of one relief fund, in order, with the balances the command side would record. */
public final class FundStory {

    private final String fundId = UUID.randomUUID().toString();
    private long nextSequence;
    private long availableFen;

    public String fundId() {
        return fundId;
    }

    public PublishedEvent established(long perWorkerCapFen) {
        return next(new ReliefFundEstablished(fundId, "市北区职工兜底救助基金", perWorkerCapFen, LocalDate.of(2025, 1, 2)));
    }

    public PublishedEvent contributed(String contributor, long amountFen) {
        availableFen += amountFen;
        return next(new ContributionReceived(fundId, UUID.randomUUID().toString(), contributor, amountFen,
                LocalDate.of(2025, 1, 10), availableFen));
    }

    public PublishedEvent reserved(String caseId, long amountFen) {
        availableFen -= amountFen;
        return next(new ReliefReserved(fundId, caseId, "worker-" + caseId, amountFen * 2, amountFen, availableFen));
    }

    public PublishedEvent refused(String caseId, ReliefRejectionReason reason) {
        return next(new ReliefReservationRefused(fundId, caseId, reason, "available " + availableFen + " fen"));
    }

    public PublishedEvent released(String caseId, long amountFen) {
        availableFen += amountFen;
        return next(new ReliefReservationReleased(fundId, caseId, amountFen, "paid meanwhile", availableFen));
    }

    public PublishedEvent paidOut(String caseId, long amountFen) {
        return next(new ReliefPaidOut(fundId, caseId, "worker-" + caseId, amountFen, LocalDate.of(2025, 6, 5)));
    }

    public PublishedEvent recovered(String caseId, long amountFen) {
        availableFen += amountFen;
        return next(new ReliefRecoveryReceived(fundId, caseId, UUID.randomUUID().toString(), amountFen, LocalDate.of(2025, 6, 8),
                availableFen));
    }

    private PublishedEvent next(Object payload) {
        return Envelopes.wrap(fundId, nextSequence++, payload, "staff", "UNION_STAFF");
    }
}
