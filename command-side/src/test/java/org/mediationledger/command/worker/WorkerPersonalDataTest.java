package org.mediationledger.command.worker;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediationledger.command.disputecase.ProcessRuleViolation;
import org.mediationledger.command.worker.WorkerCommands.ErasePersonalData;
import org.mediationledger.events.worker.PersonalDataErased;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** Erasure of a worker's personal data (DOMAIN.md, "Personal data"): only when nothing of theirs is open, once. */
class WorkerPersonalDataTest {

    static final String WORKER = "c2a1d7a4-1b3e-4c55-9a7e-5d1c00000001";
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    private final Map<String, List<String>> openMatters = new HashMap<>();
    private FixtureConfiguration<WorkerPersonalData> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WorkerPersonalData.class);
        fixture.registerInjectableResource(new OpenMatters() {
            @Override
            public boolean knows(String claimantKey) {
                return openMatters.containsKey(claimantKey);
            }

            @Override
            public List<String> openMattersOf(String claimantKey) {
                return openMatters.getOrDefault(claimantKey, List.of());
            }
        });
    }

    private static ErasePersonalData erase() {
        return new ErasePersonalData(WORKER, "本人申请删除", TODAY);
    }

    @Test
    void aWorkerWhoseCasesAreAllSettled_isErased() {
        openMatters.put(WORKER, new ArrayList<>());
        fixture.givenNoPriorActivity()
                .when(erase())
                .expectEvents(new PersonalDataErased(WORKER, "本人申请删除", TODAY));
    }

    @Test
    void anOpenClaim_orMoneyOwedToTheReliefFund_forbidsErasure_andNamesWhat() {
        openMatters.put(WORKER, List.of("case a is open", "case b still owes the relief fund 300000 fen"));
        fixture.givenNoPriorActivity()
                .when(erase())
                .expectNoEvents()
                .expectException(ProcessRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("case a is open"), containsString("300000 fen")));
    }

    @Test
    void anUnknownWorker_cannotBeErased() {
        fixture.givenNoPriorActivity()
                .when(erase())
                .expectException(UnknownWorker.class);
    }

    @Test
    void erasingAgain_changesNothing_whateverIsOpenNow() {
        openMatters.put(WORKER, List.of("case c is open"));
        fixture.given(new PersonalDataErased(WORKER, "本人申请删除", TODAY))
                .when(erase())
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }
}
