package org.mediationledger.command.relief;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApproveRelief;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordReliefPaid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RejectRelief;
import org.mediationledger.command.disputecase.ProcessRuleViolation;
import org.mediationledger.command.relief.ReliefFundCommands.PayOutRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReceiveReliefRecovery;
import org.mediationledger.command.relief.ReliefFundCommands.ReleaseRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReserveRelief;
import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.disputecase.ReliefApplied;
import org.mediationledger.events.disputecase.ReliefApproved;
import org.mediationledger.events.disputecase.ReliefRecovered;
import org.mediationledger.events.relieffund.ReliefPaidOut;
import org.mediationledger.events.relieffund.ReliefReservationRefused;
import org.mediationledger.events.relieffund.ReliefReserved;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The relief saga (DOMAIN.md step 8; decision 0011): approval and payout, each kind of rejection, the
 * release of a reservation the case no longer qualifies for, and the fund repaid first.
 */
class ReliefApplicationSagaTest {

    static final String CASE = "case-1";
    static final String FUND = "fund-1";
    static final LocalDate TODAY = LocalDate.of(2025, 10, 22);
    static final ReliefApplied APPLIED = new ReliefApplied(CASE, FUND, "worker-1", 800_000, "家中老人患病", TODAY, 500_000);
    static final ReliefReserved RESERVED = new ReliefReserved(FUND, CASE, "worker-1", 800_000, 300_000, 4_700_000);

    private SagaTestFixture<ReliefApplicationSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ReliefApplicationSaga.class);
        fixture.registerResource(Clock.fixed(Instant.parse("2025-10-22T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void anApplication_asksTheFundToReserve() {
        fixture.givenNoPriorActivity()
                .whenAggregate(CASE).publishes(APPLIED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveRelief(FUND, CASE, "worker-1", 800_000, 500_000));
    }

    @Test
    void approval_reservedMoneyIsApprovedOnTheCase_thenPaidOut_thenRecordedAsPaid() {
        fixture.givenAggregate(CASE).published(APPLIED)
                .whenAggregate(FUND).publishes(RESERVED)
                .expectDispatchedCommands(new ApproveRelief(CASE, FUND, 300_000, TODAY));
        fixture.givenAggregate(CASE).published(APPLIED).andThenAggregate(FUND).published(RESERVED)
                .whenAggregate(CASE).publishes(new ReliefApproved(CASE, FUND, 300_000, TODAY))
                .expectDispatchedCommands(new PayOutRelief(FUND, CASE, TODAY));
        fixture.givenAggregate(CASE).published(APPLIED).andThenAggregate(FUND).published(RESERVED)
                .andThenAggregate(CASE).published(new ReliefApproved(CASE, FUND, 300_000, TODAY))
                .whenAggregate(FUND).publishes(new ReliefPaidOut(FUND, CASE, "worker-1", 300_000, TODAY))
                .expectDispatchedCommands(new RecordReliefPaid(CASE, FUND, 300_000, TODAY))
                .expectActiveSagas(1);
    }

    @Test
    void rejection_anUnknownFund_isIneligible() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveRelief) {
                throw new AggregateNotFoundException(FUND, "The aggregate was not found in the event store");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenAggregate(CASE).publishes(APPLIED)
                .expectDispatchedCommands(new ReserveRelief(FUND, CASE, "worker-1", 800_000, 500_000),
                        new RejectRelief(CASE, FUND, ReliefRejectionReason.FUND_UNKNOWN, "no relief fund fund-1 exists"))
                .expectActiveSagas(0);
    }

    @Test
    void rejection_theWorkersCapIsUsedUp() {
        fixture.givenAggregate(CASE).published(APPLIED)
                .whenAggregate(FUND).publishes(new ReliefReservationRefused(FUND, CASE, ReliefRejectionReason.WORKER_CAP_REACHED, "cap"))
                .expectDispatchedCommands(new RejectRelief(CASE, FUND, ReliefRejectionReason.WORKER_CAP_REACHED, "cap"))
                .expectActiveSagas(0);
    }

    @Test
    void rejection_theFundsBalanceIsTooLow() {
        fixture.givenAggregate(CASE).published(APPLIED)
                .whenAggregate(FUND).publishes(new ReliefReservationRefused(FUND, CASE, ReliefRejectionReason.INSUFFICIENT_BALANCE, "low"))
                .expectDispatchedCommands(new RejectRelief(CASE, FUND, ReliefRejectionReason.INSUFFICIENT_BALANCE, "low"))
                .expectActiveSagas(0);
    }

    @Test
    void release_whenTheCaseNoLongerQualifies_theReservationIsGivenBackAndTheApplicationRejected() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ApproveRelief) {
                throw new ProcessRuleViolation("amountFen", "relief of 300000 fen exceeds what is outstanding (100000 fen)");
            }
            return null;
        });
        fixture.givenAggregate(CASE).published(APPLIED)
                .whenAggregate(FUND).publishes(RESERVED)
                .expectDispatchedCommands(new ApproveRelief(CASE, FUND, 300_000, TODAY),
                        new ReleaseRelief(FUND, CASE, "relief of 300000 fen exceeds what is outstanding (100000 fen)"),
                        new RejectRelief(CASE, FUND, ReliefRejectionReason.CASE_NO_LONGER_ELIGIBLE,
                                "relief of 300000 fen exceeds what is outstanding (100000 fen)"))
                .expectActiveSagas(0);
    }

    @Test
    void recoveries_areForwardedToTheFund_untilItIsRepaidInFull() {
        fixture.givenAggregate(CASE).published(APPLIED).andThenAggregate(FUND).published(RESERVED)
                .andThenAggregate(CASE).published(new ReliefApproved(CASE, FUND, 300_000, TODAY))
                .andThenAggregate(FUND).published(new ReliefPaidOut(FUND, CASE, "worker-1", 300_000, TODAY))
                .whenAggregate(CASE).publishes(new ReliefRecovered(CASE, FUND, "p2", 200_000, TODAY.plusDays(30), 200_000, 100_000))
                .expectDispatchedCommands(new ReceiveReliefRecovery(FUND, CASE, "p2", 200_000, TODAY.plusDays(30)))
                .expectActiveSagas(1);
        fixture.givenAggregate(CASE).published(APPLIED).andThenAggregate(FUND).published(RESERVED)
                .andThenAggregate(CASE).published(new ReliefApproved(CASE, FUND, 300_000, TODAY))
                .andThenAggregate(FUND).published(new ReliefPaidOut(FUND, CASE, "worker-1", 300_000, TODAY))
                .whenAggregate(CASE).publishes(new ReliefRecovered(CASE, FUND, "p3", 300_000, TODAY.plusDays(30), 300_000, 0))
                .expectActiveSagas(0);
    }
}
