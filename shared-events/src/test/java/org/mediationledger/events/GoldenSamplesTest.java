package org.mediationledger.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediationledger.events.common.AwardKind;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.DisputeCategory;
import org.mediationledger.events.common.EmploymentForm;
import org.mediationledger.events.common.Instalment;
import org.mediationledger.events.common.LegalAidBasis;
import org.mediationledger.events.common.ReliefRejectionReason;
import org.mediationledger.events.common.IntakeChannel;
import org.mediationledger.events.common.PaymentSource;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.common.ReferralRegime;
import org.mediationledger.events.common.Respondent;
import org.mediationledger.events.disputecase.AgreementJudiciallyConfirmed;
import org.mediationledger.events.disputecase.AwardRecorded;
import org.mediationledger.events.disputecase.EnforcementTerminated;
import org.mediationledger.events.disputecase.CaseClosed;
import org.mediationledger.events.disputecase.ClaimantRecord;
import org.mediationledger.events.disputecase.CourtReferralReceived;
import org.mediationledger.events.disputecase.DisputeRegistered;
import org.mediationledger.events.disputecase.MediationAgreementReached;
import org.mediationledger.events.disputecase.MediationExtended;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.MediationSessionHeld;
import org.mediationledger.events.disputecase.MediatorAssigned;
import org.mediationledger.events.disputecase.WagePaymentRecorded;
import org.mediationledger.events.disputecase.ConfirmationWindowLapsed;
import org.mediationledger.events.disputecase.InstalmentOverdue;
import org.mediationledger.events.disputecase.LegalAidApplied;
import org.mediationledger.events.disputecase.LegalAidAssigned;
import org.mediationledger.events.disputecase.LegalAidDecisionOverdue;
import org.mediationledger.events.disputecase.LegalAidReassigned;
import org.mediationledger.events.disputecase.MediationPeriodLapsed;
import org.mediationledger.events.disputecase.ReliefApplied;
import org.mediationledger.events.disputecase.ReliefApproved;
import org.mediationledger.events.disputecase.ReliefPaid;
import org.mediationledger.events.disputecase.ReliefRecovered;
import org.mediationledger.events.disputecase.ReliefRejected;
import org.mediationledger.events.relieffund.ContributionReceived;
import org.mediationledger.events.relieffund.ReliefFundEstablished;
import org.mediationledger.events.relieffund.ReliefPaidOut;
import org.mediationledger.events.relieffund.ReliefRecoveryReceived;
import org.mediationledger.events.relieffund.ReliefReservationRefused;
import org.mediationledger.events.relieffund.ReliefReservationReleased;
import org.mediationledger.events.relieffund.ReliefReserved;
import org.mediationledger.events.lawyer.LawyerRegistered;
import org.mediationledger.events.worker.PersonalDataErased;
import org.mediationledger.events.pii.EncryptedText;
import org.mediationledger.events.wire.EventJson;
import org.mediationledger.events.wire.EventTypes;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stored revision of every event has a golden JSON sample under {@code src/test/resources/golden}
 * named {@code Type.revision.json}. Each sample must keep deserializing to the same fact, so a change
 * to an event that breaks stored history fails here before it reaches an event store.
 */
class GoldenSamplesTest {

    private static final String CASE = "8f14e45f-ceea-4e7a-9d38-6d2a0b1c0001";
    private static final String FUND = "3c9d2b1a-7e6f-4a5b-8c9d-0e1f2a3b4c5d";
    private static final String WORKER = "c2a1d7a4-1b3e-4c55-9a7e-5d1c00000001";
    private static final String LATE_PAYMENT = "7d0e5b7a-0000-4000-8000-000000000009";
    private static final ObjectMapper JSON = EventJson.newObjectMapper();

    static Map<String, Object> expectedFacts() {
        return Map.ofEntries(
                entry("DisputeRegistered.1", new DisputeRegistered(CASE,
                        new ClaimantRecord("c2a1d7a4-1b3e-4c55-9a7e-5d1c00000001", "张伟", "9b1f0c3e5a",
                                new EncryptedText("bm9uY2VjaXBoZXJ0ZXh0"), new EncryptedText("cGhvbmVjaXBoZXI="),
                                EmploymentForm.PLATFORM_COOPERATION),
                        List.of(new Respondent("青岛某某配送服务有限公司", "91370203MA3C0X0X0X"), new Respondent("某外卖平台", null)),
                        DisputeCategory.UNPAID_WAGES, 1_250_000L, IntakeChannel.WALK_IN, "市北区", "2025年3月至5月送餐工资未结清",
                        LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-03"))),
                entry("CourtReferralReceived.1", new CourtReferralReceived(CASE, "court1", "(2025)鲁0203民初77号",
                        ReferralKind.ENTRUSTED, CourtProcedure.SIMPLE, LocalDate.parse("2025-06-03"), true,
                        ReferralRegime.FILING_FIRST_2025, 7, 30)),
                entry("MediatorAssigned.1", new MediatorAssigned(CASE, "lawyer1", LocalDate.parse("2025-06-04"),
                        LocalDate.parse("2025-06-11"), null, null)),
                entry("MediationSessionHeld.1", new MediationSessionHeld(CASE, "5e3c6a1e-0000-4000-8000-000000000001",
                        LocalDate.parse("2025-06-05"), "双方到场，雇主承认欠薪")),
                entry("MediationExtended.1", new MediationExtended(CASE, LocalDate.parse("2025-06-11"),
                        LocalDate.parse("2025-06-25"), LocalDate.parse("2025-06-10"))),
                entry("MediationAgreementReached.1", new MediationAgreementReached(CASE, 1_000_000L, LocalDate.parse("2025-06-12"),
                        List.of(new Instalment(LocalDate.parse("2025-07-01"), 500_000L),
                                new Instalment(LocalDate.parse("2025-08-01"), 500_000L)))),
                entry("MediationFailed.1", new MediationFailed(CASE, "雇主拒绝出席", LocalDate.parse("2025-06-12"))),
                entry("AwardRecorded.1", new AwardRecorded(CASE, AwardKind.ARBITRATION_AWARD, 1_200_000L,
                        LocalDate.parse("2025-08-20"), "青劳人仲案字〔2025〕第101号")),
                entry("WagePaymentRecorded.1", new WagePaymentRecorded(CASE, "7d0e5b7a-0000-4000-8000-000000000001", 500_000L,
                        LocalDate.parse("2025-07-01"), PaymentSource.INSTALMENT, 1_000_000L, 500_000L, 500_000L)),
                entry("CaseClosed.1", new CaseClosed(CASE, ClosureOutcome.RECOVERED_IN_FULL, LocalDate.parse("2025-08-01"))),
                entry("AgreementJudiciallyConfirmed.1", new AgreementJudiciallyConfirmed(CASE, "court1", "(2025)鲁0203民特12号",
                        LocalDate.parse("2025-06-20"), LocalDate.parse("2025-06-25"), 1_000_000L)),
                entry("EnforcementTerminated.1", new EnforcementTerminated(CASE, "court1", "(2025)鲁0203执301号之一",
                        LocalDate.parse("2025-10-20"), 500_000L)),
                entry("LegalAidApplied.1", new LegalAidApplied(CASE, LocalDate.parse("2025-06-13"), LocalDate.parse("2025-06-20"))),
                entry("LegalAidAssigned.1", new LegalAidAssigned(CASE, "lawyer7", LegalAidBasis.MIGRANT_WORKER_WAGE_CLAIM,
                        LocalDate.parse("2025-06-16"), "lawyer1", true, null, false)),
                entry("LegalAidReassigned.1", new LegalAidReassigned(CASE, "lawyer7", "lawyer8", LocalDate.parse("2025-07-01"),
                        false, "熟悉该平台用工模式")),
                entry("LegalAidDecisionOverdue.1", new LegalAidDecisionOverdue(CASE, LocalDate.parse("2025-06-13"),
                        LocalDate.parse("2025-06-20"))),
                entry("MediationPeriodLapsed.1", new MediationPeriodLapsed(CASE, LocalDate.parse("2025-06-11"), true)),
                entry("ConfirmationWindowLapsed.1", new ConfirmationWindowLapsed(CASE, LocalDate.parse("2025-07-12"))),
                entry("InstalmentOverdue.1", new InstalmentOverdue(CASE, 2, LocalDate.parse("2025-08-01"), 1_000_000L, 500_000L)),
                entry("ReliefApplied.1", new ReliefApplied(CASE, FUND, WORKER, 800_000L, "家中有两名学龄子女，无其他收入",
                        LocalDate.parse("2025-10-22"), 500_000L)),
                entry("ReliefApproved.1", new ReliefApproved(CASE, FUND, 300_000L, LocalDate.parse("2025-10-22"))),
                entry("ReliefRejected.1", new ReliefRejected(CASE, FUND, ReliefRejectionReason.INSUFFICIENT_BALANCE,
                        "available 120000 fen is below the 300000 fen to be paid")),
                entry("ReliefPaid.1", new ReliefPaid(CASE, FUND, 300_000L, LocalDate.parse("2025-10-22"))),
                entry("ReliefRecovered.1", new ReliefRecovered(CASE, FUND, LATE_PAYMENT, 200_000L, LocalDate.parse("2026-01-15"),
                        200_000L, 100_000L)),
                entry("ReliefFundEstablished.1", new ReliefFundEstablished(FUND, "市北区职工兜底救助基金", 300_000L,
                        LocalDate.parse("2025-01-02"))),
                entry("ContributionReceived.1", new ContributionReceived(FUND, "a1b2c3d4-0000-4000-8000-000000000001",
                        "青岛某某物流有限公司", 5_000_000L, LocalDate.parse("2025-01-10"), 5_000_000L)),
                entry("ReliefReserved.1", new ReliefReserved(FUND, CASE, WORKER, 800_000L, 300_000L, 4_700_000L)),
                entry("ReliefReservationRefused.1", new ReliefReservationRefused(FUND, CASE, ReliefRejectionReason.WORKER_CAP_REACHED,
                        "the worker has already received the cap of 300000 fen")),
                entry("ReliefReservationReleased.1", new ReliefReservationReleased(FUND, CASE, 300_000L,
                        "the case has only 200000 fen outstanding", 5_000_000L)),
                entry("ReliefPaidOut.1", new ReliefPaidOut(FUND, CASE, WORKER, 300_000L, LocalDate.parse("2025-10-22"))),
                entry("ReliefRecoveryReceived.1", new ReliefRecoveryReceived(FUND, CASE, LATE_PAYMENT, 200_000L,
                        LocalDate.parse("2026-01-15"), 4_900_000L)),
                entry("LawyerRegistered.1", new LawyerRegistered("lawyer1", "李娜", 12)),
                entry("PersonalDataErased.1", new PersonalDataErased(WORKER, "本人申请删除个人信息，案件均已结案", LocalDate.parse("2026-03-02"))));
    }

    static Stream<String> samples() {
        return expectedFacts().keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void storedRevision_stillDeserializesToTheSameFact(String sample) throws IOException {
        String typeName = sample.substring(0, sample.indexOf('.'));
        Class<?> type = EventTypes.byName(typeName).orElseThrow();
        try (InputStream in = getClass().getResourceAsStream("/golden/" + sample + ".json")) {
            assertThat(in).as("golden sample %s.json", sample).isNotNull();
            assertThat((Object) JSON.readValue(in, type)).isEqualTo(expectedFacts().get(sample));
        }
    }

    @Test
    void everyEventTypesCurrentRevision_hasAGoldenSample() {
        for (String name : EventTypes.names()) {
            Class<?> type = EventTypes.byName(name).orElseThrow();
            Revision revision = type.getAnnotation(Revision.class);
            assertThat(revision).as("%s carries @Revision", name).isNotNull();
            assertThat(getClass().getResource("/golden/" + name + "." + revision.value() + ".json"))
                    .as("golden sample for %s revision %s", name, revision.value()).isNotNull();
        }
    }

    @Test
    void serializingASample_writesTheSameJson() throws IOException {
        for (String sample : samples().toList()) {
            try (InputStream in = getClass().getResourceAsStream("/golden/" + sample + ".json")) {
                // compared as text: the tree model tells an int from a long, the wire does not
                String stored = JSON.writeValueAsString(JSON.readTree(in));
                assertThat(JSON.writeValueAsString(expectedFacts().get(sample))).as(sample).isEqualTo(stored);
            }
        }
    }
}
