package org.mediationledger.command.disputecase;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ApplyForLegalAid;
import org.mediationledger.command.disputecase.DisputeCaseCommands.AssignMediator;
import org.mediationledger.command.disputecase.DisputeCaseCommands.CloseCase;
import org.mediationledger.command.disputecase.DisputeCaseCommands.ConfirmAgreementJudicially;
import org.mediationledger.command.disputecase.DisputeCaseCommands.RecordMediationSession;
import org.mediationledger.command.disputecase.DisputeCaseCommands.TerminateEnforcement;
import org.mediationledger.events.common.AwardKind;
import org.mediationledger.events.common.ClosureOutcome;
import org.mediationledger.events.common.CourtProcedure;
import org.mediationledger.events.common.LegalAidBasis;
import org.mediationledger.events.common.ReferralKind;
import org.mediationledger.events.disputecase.AgreementJudiciallyConfirmed;
import org.mediationledger.events.disputecase.AwardRecorded;
import org.mediationledger.events.disputecase.EnforcementTerminated;
import org.mediationledger.events.disputecase.LegalAidAssigned;
import org.mediationledger.events.disputecase.MediationFailed;
import org.mediationledger.events.disputecase.MediationSessionHeld;
import org.mediationledger.events.wire.EventMetadata;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.mediationledger.command.disputecase.DisputeCaseTest.CASE;
import static org.mediationledger.command.disputecase.DisputeCaseTest.agreed;
import static org.mediationledger.command.disputecase.DisputeCaseTest.mediatorAssigned;
import static org.mediationledger.command.disputecase.DisputeCaseTest.refer;
import static org.mediationledger.command.disputecase.DisputeCaseTest.registered;

/**
 * Who may write to which case (DOMAIN.md, "The people and what they may do"), decided by the case
 * from its own state: a lawyer only on the case they are responsible for now, a court liaison officer
 * only for their own court, an auditor never.
 */
class OwnershipTest {

    private static final LocalDate HELD = LocalDate.of(2025, 6, 5);

    private FixtureConfiguration<DisputeCase> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DisputeCase.class);
        fixture.registerInjectableResource(new InMemoryCaseloads().with("lawyer1", 10, 3).with("lawyer2", 10, 2));
    }

    static Map<String, Object> as(String actorId, String role, String boundTo) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.ACTOR_ID, actorId);
        metadata.put(EventMetadata.ACTOR_ROLE, role);
        if (boundTo != null) {
            metadata.put(Acting.BOUND_TO, boundTo);
        }
        return metadata;
    }

    static Map<String, Object> lawyer(String id) {
        return as(id, Acting.LAWYER, id);
    }

    static Map<String, Object> court(String code) {
        return as(code, Acting.COURT_LIAISON, code);
    }

    private static RecordMediationSession session() {
        return new RecordMediationSession(CASE, "s-1", HELD, "双方到场", null);
    }

    @Test
    void theMediator_recordsASession() {
        fixture.given(registered(500_000), mediatorAssigned())
                .when(session(), lawyer("lawyer1"))
                .expectEvents(new MediationSessionHeld(CASE, "s-1", HELD, "双方到场"));
    }

    @Test
    void anotherLawyer_isRefused_andNothingIsRecorded() {
        fixture.given(registered(500_000), mediatorAssigned())
                .when(session(), lawyer("lawyer2"))
                .expectNoEvents()
                .expectException(NotYours.class)
                .expectExceptionMessage(containsString("lawyer2"));
    }

    @Test
    void aLawyer_cannotWriteToACaseWithNoMediatorYet() {
        fixture.given(registered(500_000))
                .when(new ApplyForLegalAid(CASE, LocalDate.of(2025, 6, 4), null), lawyer("lawyer1"))
                .expectNoEvents()
                .expectException(NotYours.class);
    }

    @Test
    void aLawyerWithTheRightIdButBoundElsewhere_isRefused_theBindingDecidesNotTheName() {
        fixture.given(registered(500_000), mediatorAssigned())
                .when(session(), as("lawyer1", Acting.LAWYER, "lawyer7"))
                .expectException(NotYours.class);
    }

    @Test
    void aRepeatByAnotherLawyer_isRefusedToo_soItRevealsNothing() {
        fixture.given(registered(500_000), mediatorAssigned(), new MediationSessionHeld(CASE, "s-1", HELD, "双方到场"))
                .when(session(), lawyer("lawyer2"))
                .expectException(NotYours.class);
    }

    @Test
    void onceLegalAidIsAssigned_theMediatorIsReleased_andTheLegalAidLawyerWrites() {
        Object[] history = {registered(500_000), mediatorAssigned(), new MediationFailed(CASE, "雇主失联", LocalDate.of(2025, 6, 10)),
                new LegalAidAssigned(CASE, "lawyer2", LegalAidBasis.HARDSHIP, LocalDate.of(2025, 6, 11), "lawyer1", false, null, false)};
        CloseCase withdraw = new CloseCase(CASE, ClosureOutcome.WITHDRAWN, LocalDate.of(2025, 6, 12), null);
        fixture.given(history).when(withdraw, lawyer("lawyer1")).expectException(NotYours.class);
        fixture.given(history).when(withdraw, lawyer("lawyer2")).expectSuccessfulHandlerExecution();
    }

    @Test
    void unionStaff_areNotBoundToCases() {
        fixture.given(registered(500_000))
                .when(new AssignMediator(CASE, "lawyer1", LocalDate.of(2025, 6, 4), null, null), as("staff", "UNION_STAFF", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anAuditor_neverWrites() {
        fixture.given(registered(500_000))
                .when(new AssignMediator(CASE, "lawyer1", LocalDate.of(2025, 6, 4), null, null), as("auditor", Acting.AUDITOR, null))
                .expectNoEvents()
                .expectException(NotYours.class);
    }

    @Test
    void aCourtLiaisonOfficer_refersOnlyFromTheirOwnCourt() {
        fixture.givenNoPriorActivity()
                .when(refer("(2025)鲁0203民初77号", ReferralKind.ENTRUSTED, CourtProcedure.ORDINARY, LocalDate.of(2025, 6, 3), true),
                        court("court2"))
                .expectNoEvents()
                .expectException(NotYours.class)
                .expectExceptionMessage(containsString("court1"));
        fixture.givenNoPriorActivity()
                .when(refer("(2025)鲁0203民初77号", ReferralKind.ENTRUSTED, CourtProcedure.ORDINARY, LocalDate.of(2025, 6, 3), true),
                        court("court1"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCourtLiaisonOfficer_recordsOnlyRulingsOfTheirOwnCourt() {
        LocalDate effective = LocalDate.of(2025, 6, 10);
        ConfirmAgreementJudicially byCourt1 = new ConfirmAgreementJudicially(CASE, "court1", "(2025)鲁0203民特12号",
                effective.plusDays(3), effective.plusDays(5), null);
        fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000))
                .when(byCourt1, court("court2"))
                .expectException(NotYours.class);
        fixture.given(registered(500_000), mediatorAssigned(), agreed(400_000))
                .when(byCourt1, court("court1"))
                .expectEvents(new AgreementJudiciallyConfirmed(CASE, "court1", "(2025)鲁0203民特12号",
                        effective.plusDays(3), effective.plusDays(5), 400_000));
    }

    @Test
    void enforcementTermination_byTheRulingCourtOrTheResponsibleLawyer() {
        Object[] history = {registered(500_000), mediatorAssigned(), new MediationFailed(CASE, "雇主失联", LocalDate.of(2025, 6, 10)),
                new AwardRecorded(CASE, AwardKind.ARBITRATION_AWARD, 500_000, LocalDate.of(2025, 8, 20), "青劳人仲案字〔2025〕第101号")};
        TerminateEnforcement terminate = new TerminateEnforcement(CASE, "court1", "(2025)鲁0203执301号之一", LocalDate.of(2025, 10, 20), null);
        EnforcementTerminated terminated = new EnforcementTerminated(CASE, "court1", "(2025)鲁0203执301号之一", LocalDate.of(2025, 10, 20), 500_000);
        fixture.given(history).when(terminate, court("court2")).expectException(NotYours.class);
        fixture.given(history).when(terminate, lawyer("lawyer2")).expectException(NotYours.class);
        fixture.given(history).when(terminate, court("court1")).expectEvents(terminated);
        fixture.given(history).when(terminate, lawyer("lawyer1")).expectEvents(terminated);
    }
}
