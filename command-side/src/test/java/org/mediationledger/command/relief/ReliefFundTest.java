package org.mediationledger.command.relief;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.ConflictingRepeat;
import org.mediationledger.command.disputecase.InvalidCommand;
import org.mediationledger.command.disputecase.ProcessRuleViolation;
import org.mediationledger.command.relief.ReliefFundCommands.EstablishReliefFund;
import org.mediationledger.command.relief.ReliefFundCommands.PayOutRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReceiveContribution;
import org.mediationledger.command.relief.ReliefFundCommands.ReceiveReliefRecovery;
import org.mediationledger.command.relief.ReliefFundCommands.ReleaseRelief;
import org.mediationledger.command.relief.ReliefFundCommands.ReserveRelief;
import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.relieffund.ContributionReceived;
import org.mediationledger.events.relieffund.ReliefFundEstablished;
import org.mediationledger.events.relieffund.ReliefPaidOut;
import org.mediationledger.events.relieffund.ReliefRecoveryReceived;
import org.mediationledger.events.relieffund.ReliefReservationRefused;
import org.mediationledger.events.relieffund.ReliefReservationReleased;
import org.mediationledger.events.relieffund.ReliefReserved;

import java.time.LocalDate;

import static org.hamcrest.Matchers.containsString;

/** The relief fund's rules (DOMAIN.md step 8): its balance, the per-worker cap, never paid in part, repaid first. */
class ReliefFundTest {

    static final String FUND = "fund-1";
    static final LocalDate ESTABLISHED = LocalDate.of(2025, 1, 2);
    static final LocalDate PAID_ON = LocalDate.of(2025, 10, 22);
    static final long CAP = 300_000;

    private FixtureConfiguration<ReliefFund> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReliefFund.class);
    }

    static ReliefFundEstablished established() {
        return new ReliefFundEstablished(FUND, "市北区职工兜底救助基金", CAP, ESTABLISHED);
    }

    static ContributionReceived contributed(String id, long amount, long availableAfter) {
        return new ContributionReceived(FUND, id, "青岛某某物流有限公司", amount, ESTABLISHED.plusDays(8), availableAfter);
    }

    @Test
    void establishing_recordsTheFundAndItsPerWorkerCap_andARepeatIsTheSameFund() {
        EstablishReliefFund establish = new EstablishReliefFund(FUND, "市北区职工兜底救助基金", CAP, ESTABLISHED);
        fixture.givenNoPriorActivity().when(establish).expectEvents(established());
        fixture.given(established()).when(establish).expectNoEvents();
        fixture.given(established()).when(new EstablishReliefFund(FUND, "另一个基金", CAP, ESTABLISHED))
                .expectException(ConflictingRepeat.class);
    }

    @Test
    void aCapOfNothing_isInvalid() {
        fixture.givenNoPriorActivity().when(new EstablishReliefFund(FUND, "基金", 0, ESTABLISHED))
                .expectException(InvalidCommand.class).expectExceptionMessage(containsString("cap"));
    }

    @Test
    void contributions_addToTheAvailableBalance_andARepeatedIdCountsOnce() {
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000))
                .when(new ReceiveContribution(FUND, "c2", "市总工会", 500_000, ESTABLISHED.plusDays(10)))
                .expectEvents(new ContributionReceived(FUND, "c2", "市总工会", 500_000, ESTABLISHED.plusDays(10), 1_500_000));
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000))
                .when(new ReceiveContribution(FUND, "c1", "青岛某某物流有限公司", 1_000_000, ESTABLISHED.plusDays(8)))
                .expectNoEvents();
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000))
                .when(new ReceiveContribution(FUND, "c1", "青岛某某物流有限公司", 2_000_000, ESTABLISHED.plusDays(8)))
                .expectException(ConflictingRepeat.class);
    }

    @Test
    void contributionBeforeTheFundExisted_isRefused() {
        fixture.given(established())
                .when(new ReceiveContribution(FUND, "c1", "某公司", 100, ESTABLISHED.minusDays(1)))
                .expectException(ProcessRuleViolation.class);
    }

    @Test
    void reservation_isTheLeastOfRequestedCapAndOutstanding_DomainStep8() {
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000))
                .when(new ReserveRelief(FUND, "case-1", "worker-1", 800_000, 500_000))
                .expectEvents(new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000));
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000))
                .when(new ReserveRelief(FUND, "case-1", "worker-1", 120_000, 500_000))
                .expectEvents(new ReliefReserved(FUND, "case-1", "worker-1", 120_000, 120_000, 880_000));
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000))
                .when(new ReserveRelief(FUND, "case-1", "worker-1", 800_000, 90_000))
                .expectEvents(new ReliefReserved(FUND, "case-1", "worker-1", 800_000, 90_000, 910_000));
    }

    @Test
    void reservationBeyondTheAvailableBalance_isRefusedWhole_neverPaidInPart_DomainStep8() {
        fixture.given(established(), contributed("c1", 200_000, 200_000))
                .when(new ReserveRelief(FUND, "case-1", "worker-1", 800_000, 500_000))
                .expectEvents(new ReliefReservationRefused(FUND, "case-1", ReliefRejectionReason.INSUFFICIENT_BALANCE,
                        "the fund has 200000 fen available, less than the 300000 fen to be paid; relief is never paid in part"));
    }

    @Test
    void theCapCountsPerWorker_acrossTheirCases_DomainStep8() {
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000),
                        new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000))
                .when(new ReserveRelief(FUND, "case-2", "worker-1", 800_000, 500_000))
                .expectEvents(new ReliefReservationRefused(FUND, "case-2", ReliefRejectionReason.WORKER_CAP_REACHED,
                        "the worker has already received the fund's cap of 300000 fen"));
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000),
                        new ReliefReserved(FUND, "case-1", "worker-1", 100_000, 100_000, 900_000))
                .when(new ReserveRelief(FUND, "case-2", "worker-1", 800_000, 500_000))
                .expectEvents(new ReliefReserved(FUND, "case-2", "worker-1", 800_000, 200_000, 700_000));
    }

    @Test
    void aRepeatedReservationForTheSameCase_reservesNothingMore() {
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000),
                        new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000))
                .when(new ReserveRelief(FUND, "case-1", "worker-1", 800_000, 500_000))
                .expectNoEvents();
    }

    @Test
    void release_givesTheReservationBack_andFreesTheWorkersCap() {
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000),
                        new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000))
                .when(new ReleaseRelief(FUND, "case-1", "paid meanwhile"))
                .expectEvents(new ReliefReservationReleased(FUND, "case-1", CAP, "paid meanwhile", 1_000_000));
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000),
                        new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000),
                        new ReliefReservationReleased(FUND, "case-1", CAP, "paid meanwhile", 1_000_000))
                .when(new ReserveRelief(FUND, "case-2", "worker-1", 800_000, 500_000))
                .expectEvents(new ReliefReserved(FUND, "case-2", "worker-1", 800_000, CAP, 700_000));
    }

    @Test
    void payout_paysWhatWasReserved_once() {
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000),
                        new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000))
                .when(new PayOutRelief(FUND, "case-1", PAID_ON))
                .expectEvents(new ReliefPaidOut(FUND, "case-1", "worker-1", CAP, PAID_ON));
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000),
                        new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000),
                        new ReliefPaidOut(FUND, "case-1", "worker-1", CAP, PAID_ON))
                .when(new PayOutRelief(FUND, "case-1", PAID_ON))
                .expectNoEvents();
        fixture.given(established(), contributed("c1", 1_000_000, 1_000_000))
                .when(new PayOutRelief(FUND, "case-1", PAID_ON))
                .expectException(ProcessRuleViolation.class);
    }

    @Test
    void recoveries_repayTheFund_upToWhatItPaid_oncePerPayment_DomainStep8() {
        Object[] paid = {established(), contributed("c1", 1_000_000, 1_000_000),
                new ReliefReserved(FUND, "case-1", "worker-1", 800_000, CAP, 700_000),
                new ReliefPaidOut(FUND, "case-1", "worker-1", CAP, PAID_ON)};
        LocalDate later = LocalDate.of(2026, 1, 15);
        fixture.given(paid)
                .when(new ReceiveReliefRecovery(FUND, "case-1", "p2", 200_000, later))
                .expectEvents(new ReliefRecoveryReceived(FUND, "case-1", "p2", 200_000, later, 900_000));
        fixture.given(paid).andGiven(new ReliefRecoveryReceived(FUND, "case-1", "p2", 200_000, later, 900_000))
                .when(new ReceiveReliefRecovery(FUND, "case-1", "p2", 200_000, later))
                .expectNoEvents();
        fixture.given(paid).andGiven(new ReliefRecoveryReceived(FUND, "case-1", "p2", 200_000, later, 900_000))
                .when(new ReceiveReliefRecovery(FUND, "case-1", "p3", 150_000, later))
                .expectException(ProcessRuleViolation.class);
    }
}
